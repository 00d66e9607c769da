/** A staff user's new password: the current one first, the same rules, every session of theirs ended. */
import { transactionWithRetry } from '../platform/db/database.js';
import { AppError, validationError } from '../platform/errors.js';
import { endSessionsOf } from '../platform/http/sessions.js';
import type { AccountDeps } from './account-deps.js';
import { passwordProblem } from './password-rules.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { rateLimited } from './sign-in.js';
import { findStaffUserRow, updateStaffUser } from './staff-user.repository.js';
import { blockedFor, limits } from './throttle-rules.js';
import { clearCounter, hit, readCounters } from './throttle.repository.js';

export async function changeStaffPassword(deps: AccountDeps, userId: string, input: { current_password: string; new_password: string }): Promise<void> {
  const user = await findStaffUserRow(deps.db, { id: userId });
  if (user === null) throw new AppError('unauthorized', 'The user no longer exists');
  const now = deps.clock.now();
  const counter = `password:staff:${user.id}`;
  const wait = blockedFor((await readCounters(deps.db, [counter])).get(counter), limits.signInPerAccountClient, now);
  if (wait !== null) throw rateLimited(wait, 'Too many wrong current passwords');
  if (!(await verifyPassword(input.current_password, user.password_hash))) {
    await hit(deps.db, counter, now);
    throw validationError([{ path: 'current_password', message: 'is not the current password' }]);
  }
  const problem = passwordProblem(input.new_password, { email: user.email }, 'new_password');
  if (problem) throw validationError([problem]);
  await clearCounter(deps.db, counter);
  const hash = await hashPassword(input.new_password);
  await transactionWithRetry(deps.db, async (trx) => {
    await updateStaffUser(trx, user.id, { password_hash: hash, password_changed_at: now.toISOString(), updated_at: now.toISOString() });
    await endSessionsOf(trx, 'staff', user.id);
  });
}
