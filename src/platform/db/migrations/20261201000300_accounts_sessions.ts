/**
 * Customer accounts and staff users (argon2id password hashes), server-side browser sessions, the
 * single-use tokens that email links carry (verification, magic-link sign-in, password reset), and
 * the sign-in throttle: failure counters per IP, per account and per (account, client), and the
 * clients (device cookie or IP) that signed in to an account before, which an attack on the account
 * does not lock out.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Lower-cased, like customers.email and orders.email: the link between them.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // null: no password (one set before the email was proven was dropped; sign in by link, then set one)
    .addColumn('password_hash', 'text')
    .addColumn('email_verified_at', 'text')
    // Set once the email is verified: the customer (and so the orders) with this email.
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('password_changed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // admin | operator | viewer, like API keys
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text')
    .addColumn('last_sign_in_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie's value: a copy of the table signs nobody in.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    // customer | staff
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    // created_at + the absolute timeout
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_subject').on('sessions').columns(['kind', 'subject_id']).execute();

  await db.schema
    .createTable('auth_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // verify_email | magic_link | password_reset
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    // The address the link was mailed to: a link proves only that mailbox.
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_tokens_account').on('auth_tokens').columns(['account_id', 'purpose']).execute();

  await db.schema
    .createTable('auth_throttle')
    // `<scope>:<what>`: ip, account (email hash), account+client, mail, register…
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_throttle_window').on('auth_throttle').column('window_started_at').execute();

  await db.schema
    .createTable('auth_known_clients')
    // An account or staff user id
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // `dev:<sha256 of the device cookie>` or `ip:<address>`
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_known_clients_pk', ['subject_id', 'client_key'])
    .execute();
}
