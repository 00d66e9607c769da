/** Customer accounts: one per email (lower-cased, as orders and customers store it). */
import type { Executor } from '../platform/db/database.js';
import type { AccountTable } from '../platform/db/schema.js';

export type AccountRow = AccountTable;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findAccountByEmail(db: Executor, email: string): Promise<AccountRow | null> {
  return (await db.selectFrom('accounts').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst()) ?? null;
}

export async function findAccount(db: Executor, id: string): Promise<AccountRow | null> {
  return (await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertAccount(db: Executor, row: AccountRow): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}

export async function updateAccount(db: Executor, id: string, changes: Partial<Omit<AccountRow, 'id' | 'email' | 'created_at'>>): Promise<void> {
  await db.updateTable('accounts').set(changes).where('id', '=', id).execute();
}

/**
 * The customers row for this email, made when no order has used the email yet, so that orders
 * placed later (which find their customer by email) land on the account too. Never renames an
 * existing customer: the orders say who they are.
 */
export async function customerIdForEmail(db: Executor, input: { id: string; email: string; name: string; now: string }): Promise<string> {
  await db
    .insertInto('customers')
    .values({ id: input.id, email: input.email, name: input.name, phone: null, created_at: input.now, updated_at: input.now })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const row = await db.selectFrom('customers').select('id').where('email', '=', input.email).executeTakeFirstOrThrow();
  return row.id;
}

export interface AccountView {
  id: string;
  email: string;
  name: string;
  email_verified: boolean;
  customer_id: string | null;
  has_password: boolean;
  created_at: string;
}

export function accountView(row: AccountRow): AccountView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    email_verified: row.email_verified_at !== null,
    customer_id: row.customer_id,
    has_password: row.password_hash !== null,
    created_at: row.created_at,
  };
}
