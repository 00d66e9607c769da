/**
 * Registering a customer account: the password rules, one account per email (409 otherwise: the
 * one place that tells whether an email has an account, throttled per IP), then the account and the
 * verification email in one transaction. The account sees no orders until the email is verified.
 */
import { isUniqueViolation, transactionWithRetry } from '../platform/db/database.js';
import { AppError, validationError } from '../platform/errors.js';
import type { AccountDeps } from './account-deps.js';
import { findAccountByEmail, insertAccount, normalizeEmail, type AccountRow } from './account.repository.js';
import { mailLink } from './email-links.js';
import { newId } from './ids.js';
import { passwordProblem } from './password-rules.js';
import { hashPassword } from './passwords.js';
import { rateLimited } from './sign-in.js';
import { blockedFor, limits } from './throttle-rules.js';
import { hit, readCounters } from './throttle.repository.js';

function taken(email: string): AppError {
  return new AppError('conflict', `An account with the email ${email} exists: sign in, or ask for a sign-in link or a password reset`);
}

export async function registerAccount(deps: AccountDeps, input: { email: string; password: string; name: string }, ip: string): Promise<AccountRow> {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, { email });
  if (problem) throw validationError([problem]);
  const now = deps.clock.now();
  const counter = `register:conflict:ip:${ip}`;
  const wait = blockedFor((await readCounters(deps.db, [counter])).get(counter), limits.registerConflictsPerIp, now);
  if (wait !== null) throw rateLimited(wait, 'Too many registrations with emails that have accounts');
  if ((await findAccountByEmail(deps.db, email)) !== null) {
    await hit(deps.db, counter, now);
    throw taken(email);
  }
  const hash = await hashPassword(input.password);
  const at = now.toISOString();
  const account: AccountRow = {
    id: newId(deps.ids, 'acc'),
    email,
    name: input.name.trim() || email.split('@')[0]!,
    password_hash: hash,
    email_verified_at: null,
    customer_id: null,
    password_changed_at: at,
    created_at: at,
    updated_at: at,
  };
  try {
    await transactionWithRetry(deps.db, async (trx) => {
      await insertAccount(trx, account);
      await mailLink(trx, deps, account, 'verify_email');
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another registration with the same email committed first.
    await hit(deps.db, counter, now);
    throw taken(email);
  }
  return account;
}
