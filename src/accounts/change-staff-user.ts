/**
 * An admin changes a staff user: name, role, disabled. Disabling ends every session of the user in
 * the same transaction (their open browsers get 401 on the next request), and no change may leave
 * the shop without an enabled admin (last-admin-rule.ts).
 */
import { transactionWithRetry, type Db } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Role } from '../platform/http/api-keys.js';
import { endSessionsOf } from '../platform/http/sessions.js';
import type { Clock } from '../platform/clock.js';
import { lastAdminProblem } from './last-admin-rule.js';
import { countOtherEnabledAdmins, findStaffUser, findStaffUserRow, lockEnabledAdmins, updateStaffUser, type StaffUser } from './staff-user.repository.js';

export interface StaffUserChanges {
  name?: string;
  role?: Role;
  disabled?: boolean;
}

export async function changeStaffUser(deps: { db: Db; clock: Clock }, id: string, changes: StaffUserChanges): Promise<StaffUser> {
  await transactionWithRetry(deps.db, async (trx) => {
    await lockEnabledAdmins(trx);
    const row = await findStaffUserRow(trx, { id });
    if (row === null) throw notFound(`Staff user ${id}`);
    const before = { role: row.role as Role, disabled: row.disabled_at !== null };
    const after = { role: changes.role ?? before.role, disabled: changes.disabled ?? before.disabled };
    const problem = lastAdminProblem(before, after, await countOtherEnabledAdmins(trx, id));
    if (problem !== null) throw new AppError('conflict', problem);
    const now = deps.clock.now().toISOString();
    await updateStaffUser(trx, id, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      // Disabling again keeps the first time it was disabled.
      ...(after.disabled !== before.disabled ? { disabled_at: after.disabled ? now : null } : {}),
      updated_at: now,
    });
    if (after.disabled) await endSessionsOf(trx, 'staff', id);
  });
  const user = await findStaffUser(deps.db, id);
  if (user === null) throw notFound(`Staff user ${id}`);
  return user;
}
