/**
 * Staff users: people who sign in to the admin in a browser, with the roles API keys have. Made by
 * `waybill users create`; the password is hashed like customers' (passwords.ts).
 */
import type { Clock } from '../platform/clock.js';
import { isUniqueViolation, type Executor } from '../platform/db/database.js';
import { AppError, validationError } from '../platform/errors.js';
import { isRole, type Role } from '../platform/http/api-keys.js';
import type { Ids } from '../platform/ids.js';
import type { StaffUserTable } from '../platform/db/schema.js';
import { normalizeEmail } from './account.repository.js';
import { newId } from './ids.js';
import { passwordProblem } from './password-rules.js';
import { hashPassword } from './passwords.js';

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** A disabled user cannot sign in and has no live session. */
  disabled: boolean;
  created_at: string;
  last_sign_in_at: string | null;
}

function toUser(row: StaffUserTable): StaffUser {
  if (!isRole(row.role)) throw new Error(`staff user ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled_at !== null,
    created_at: row.created_at,
    last_sign_in_at: row.last_sign_in_at,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a staff user; the password follows the same rules as customers'. Throws validation_failed or conflict. */
export async function createStaffUser(
  db: Executor,
  deps: { clock: Clock; ids: Ids },
  input: { email: string; role: Role; password: string; name?: string },
): Promise<StaffUser> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254) throw validationError([{ path: 'email', message: 'must be an email address' }]);
  const problem = passwordProblem(input.password, { email });
  if (problem) throw validationError([problem]);
  const now = deps.clock.now().toISOString();
  const row: StaffUserTable = {
    id: newId(deps.ids, 'usr'),
    email,
    name: input.name ?? email.split('@')[0]!,
    role: input.role,
    password_hash: await hashPassword(input.password),
    password_changed_at: now,
    last_sign_in_at: null,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await db.insertInto('staff_users').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `A staff user with the email ${email} exists`);
    throw error;
  }
  return toUser(row);
}

export async function findStaffUserRow(db: Executor, by: { id: string } | { email: string }): Promise<StaffUserTable | null> {
  const query = db.selectFrom('staff_users').selectAll();
  const row = 'id' in by ? await query.where('id', '=', by.id).executeTakeFirst() : await query.where('email', '=', normalizeEmail(by.email)).executeTakeFirst();
  return row ?? null;
}

export async function findStaffUser(db: Executor, id: string): Promise<StaffUser | null> {
  const row = await findStaffUserRow(db, { id });
  return row ? toUser(row) : null;
}

export async function listStaffUsers(db: Executor): Promise<StaffUser[]> {
  return (await db.selectFrom('staff_users').selectAll().orderBy('id').execute()).map(toUser);
}

export async function updateStaffUser(
  db: Executor,
  id: string,
  changes: Partial<Pick<StaffUserTable, 'password_hash' | 'password_changed_at' | 'last_sign_in_at' | 'updated_at' | 'role' | 'name' | 'disabled_at'>>,
): Promise<void> {
  await db.updateTable('staff_users').set(changes).where('id', '=', id).execute();
}

/**
 * Writes one agreed row first thing in a transaction: on PostgreSQL that takes its row lock, on
 * SQLite the write lock, so that two admins demoting each other at the same moment
 * run one after the other and the second sees the first's change (not two "one other admin is
 * left" answers that leave none).
 */
export async function lockEnabledAdmins(db: Executor): Promise<void> {
  // One row stands for the whole set: the oldest staff user (ids only grow and users are never
  // deleted, so every transaction picks the same one). Locking every enabled admin's row instead
  // took the rows in scan order, which concurrent updates can change on PostgreSQL: concurrent
  // PATCH /users deadlocked past the retries and answered 500 (found by the fuzzing in CI).
  await db
    .updateTable('staff_users')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', (eb) => eb.selectFrom('staff_users as oldest').select((o) => o.fn.min('oldest.id').as('id')))
    .execute();
}

/** Enabled admins other than `exceptId`. */
export async function countOtherEnabledAdmins(db: Executor, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
