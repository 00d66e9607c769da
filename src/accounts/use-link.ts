/**
 * Using the token of an emailed link: at most once (the conditional update in
 * auth-token.repository.ts), only while it is fresh, and only for what it was issued for. Failures
 * (unknown, forged, used, expired) answer 401 and count against the IP: 20 in 15 minutes, then 429.
 */
import { transactionWithRetry, type Trx } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import type { AccountDeps } from './account-deps.js';
import { findAccount, type AccountRow } from './account.repository.js';
import { consumeToken, hashToken } from './auth-token.repository.js';
import { rateLimited } from './sign-in.js';
import { blockedFor, limits } from './throttle-rules.js';
import { hit, readCounters } from './throttle.repository.js';
import { tokenState, type TokenPurpose } from './token-rules.js';

type Failure = 'unknown' | 'used' | 'expired';

const failureDetail: Record<Failure, string> = {
  unknown: 'This link is not valid (mistyped, or not one this server sent)',
  used: 'This link was used already; links work once. Ask for a new one',
  expired: 'This link has expired; ask for a new one',
};

function counterOf(ip: string): string {
  return `token:ip:${ip}`;
}

async function checkIp(deps: AccountDeps, ip: string): Promise<void> {
  const wait = blockedFor((await readCounters(deps.db, [counterOf(ip)])).get(counterOf(ip)), limits.tokenFailuresPerIp, deps.clock.now());
  if (wait !== null) throw rateLimited(wait, 'Too many invalid links from this address');
}

async function failed(deps: AccountDeps, ip: string, reason: Failure): Promise<never> {
  await hit(deps.db, counterOf(ip), deps.clock.now());
  throw new AppError('unauthorized', failureDetail[reason]);
}

/**
 * The account and email of a usable token, without using it (to check a new password against the
 * account before the link is spent on a refused one).
 */
export async function peekLink(deps: AccountDeps, purpose: TokenPurpose, token: string, ip: string): Promise<{ email: string }> {
  await checkIp(deps, ip);
  const row = await deps.db.selectFrom('auth_tokens').select(['email', 'used_at', 'expires_at']).where('token_hash', '=', hashToken(token)).where('purpose', '=', purpose).executeTakeFirst();
  if (row === undefined) return failed(deps, ip, 'unknown');
  const state = tokenState(row, deps.clock.now());
  if (state !== 'usable') return failed(deps, ip, state);
  return { email: row.email };
}

/** Spends the token and runs `work` in the same transaction (a failure in `work` leaves the link unspent). */
export async function useLink<T>(deps: AccountDeps, purpose: TokenPurpose, token: string, ip: string, work: (trx: Trx, account: AccountRow) => Promise<T>): Promise<T> {
  await checkIp(deps, ip);
  const outcome = await transactionWithRetry(deps.db, async (trx): Promise<{ ok: true; value: T } | { ok: false; reason: Failure }> => {
    const consumed = await consumeToken(trx, purpose, token, deps.clock.now());
    if (!consumed.ok) return consumed;
    const account = await findAccount(trx, consumed.token.account_id);
    // A link proves the mailbox it was sent to, nothing else.
    if (account === null || account.email !== consumed.token.email) return { ok: false, reason: 'unknown' };
    return { ok: true, value: await work(trx, account) };
  });
  if (!outcome.ok) return failed(deps, ip, outcome.reason);
  return outcome.value;
}
