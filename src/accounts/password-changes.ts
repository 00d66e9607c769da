/**
 * A customer's new password, by reset link or signed in: the rules, a new hash, every session of the
 * account ended (a thief signed in elsewhere is out), the other reset and sign-in links voided, and
 * a notice to the address. The caller signs the current browser in again when it was signed in.
 */
import { transactionWithRetry, type Trx } from '../platform/db/database.js';
import { AppError, validationError } from '../platform/errors.js';
import { endSessionsOf } from '../platform/http/sessions.js';
import { queueAccountEmail } from '../notifications/index.js';
import type { AccountDeps } from './account-deps.js';
import { findAccount, updateAccount, type AccountRow } from './account.repository.js';
import { voidTokensOf } from './auth-token.repository.js';
import { markEmailVerified } from './link-customer.js';
import { passwordProblem } from './password-rules.js';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.js';
import { rateLimited } from './sign-in.js';
import { blockedFor, limits } from './throttle-rules.js';
import { clearCounter, hit, readCounters } from './throttle.repository.js';
import { peekLink, useLink } from './use-link.js';

async function storeNewPassword(trx: Trx, deps: AccountDeps, account: AccountRow, hash: string): Promise<AccountRow> {
  const now = deps.clock.now();
  await updateAccount(trx, account.id, { password_hash: hash, password_changed_at: now.toISOString(), updated_at: now.toISOString() });
  await endSessionsOf(trx, 'customer', account.id);
  await voidTokensOf(trx, account.id, ['password_reset', 'magic_link'], now);
  await queueAccountEmail(trx, deps.email, {
    type: 'account_password_changed',
    dedupeKey: `account:${account.id}:password:${now.toISOString()}`,
    to: account.email,
    name: account.name,
    customerId: account.customer_id,
    link: null,
    expiresInMinutes: null,
  });
  return (await findAccount(trx, account.id))!;
}

/** The reset link: the password is checked before the link is spent, so a refused one can be retried. */
export async function resetPassword(deps: AccountDeps, input: { token: string; password: string }, ip: string): Promise<AccountRow> {
  const { email } = await peekLink(deps, 'password_reset', input.token, ip);
  const problem = passwordProblem(input.password, { email });
  if (problem) throw validationError([problem]);
  const hash = await hashPassword(input.password);
  return useLink(deps, 'password_reset', input.token, ip, async (trx, account) => {
    // The link reached the mailbox: that proves the address as a verification link does.
    const verified = await markEmailVerified(trx, { ids: deps.ids, now: deps.clock.now() }, account);
    return storeNewPassword(trx, deps, verified, hash);
  });
}

/**
 * Signed in: the current password proves it is the owner and not somebody at an unlocked screen
 * (5 wrong ones per 15 minutes, then 429). An account without a password (it signs in by link)
 * sets its first one without.
 */
export async function changePassword(deps: AccountDeps, accountId: string, input: { current_password?: string; new_password: string }): Promise<AccountRow> {
  const account = await findAccount(deps.db, accountId);
  if (account === null) throw new AppError('unauthorized', 'The account no longer exists');
  const now = deps.clock.now();
  const counter = `password:customer:${account.id}`;
  const wait = blockedFor((await readCounters(deps.db, [counter])).get(counter), limits.signInPerAccountClient, now);
  if (wait !== null) throw rateLimited(wait, 'Too many wrong current passwords');
  if (account.password_hash !== null) {
    const ok = input.current_password === undefined ? await verifyNothing('') : await verifyPassword(input.current_password, account.password_hash);
    if (!ok) {
      await hit(deps.db, counter, now);
      throw validationError([{ path: 'current_password', message: input.current_password === undefined ? 'is required' : 'is not the current password' }]);
    }
  }
  const problem = passwordProblem(input.new_password, { email: account.email }, 'new_password');
  if (problem) throw validationError([problem]);
  await clearCounter(deps.db, counter);
  const hash = await hashPassword(input.new_password);
  return transactionWithRetry(deps.db, (trx) => storeNewPassword(trx, deps, account, hash));
}
