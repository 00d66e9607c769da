/**
 * Mailing a link (magic-link sign-in, password reset, address verification): the throttle, the
 * token and the message, the last two in one transaction. The answer never says whether an account
 * has the email (no enumeration): the caller says "sent if it exists" either way.
 */
import { transactionWithRetry, type Trx } from '../platform/db/database.js';
import { queueAccountEmail, type AccountMessageType } from '../notifications/index.js';
import type { AccountDeps } from './account-deps.js';
import { findAccountByEmail, type AccountRow } from './account.repository.js';
import { issueToken } from './auth-token.repository.js';
import { rateLimited } from './sign-in.js';
import { linkFor, type TokenPurpose } from './token-rules.js';
import { blockedFor, limits } from './throttle-rules.js';
import { emailKey, hit, readCounters } from './throttle.repository.js';

const messageOf: Record<TokenPurpose, AccountMessageType> = {
  verify_email: 'account_verify_email',
  magic_link: 'account_magic_link',
  password_reset: 'account_password_reset',
};

/** Issues the token and queues its message inside `trx`. */
export async function mailLink(trx: Trx, deps: AccountDeps, account: AccountRow, purpose: TokenPurpose): Promise<void> {
  const now = deps.clock.now();
  const issued = await issueToken(trx, { ids: deps.ids, now }, { purpose, accountId: account.id, email: account.email });
  await queueAccountEmail(trx, deps.email, {
    type: messageOf[purpose],
    dedupeKey: `account:${issued.id}`,
    to: account.email,
    name: account.name,
    customerId: account.customer_id,
    link: linkFor(deps.publicUrl, purpose, issued.token),
    expiresInMinutes: issued.expiresInMinutes,
  });
}

/**
 * A request for a link to `email`: 429 past the per-IP limit; past the per-address limit, or with no
 * such account, nothing is sent and the caller's answer is the same.
 */
export async function requestLink(deps: AccountDeps, purpose: TokenPurpose, email: string, ip: string, account?: AccountRow | null): Promise<void> {
  const now = deps.clock.now();
  const ipCounter = `mail:ip:${ip}`;
  const addressCounter = `mail:${purpose}:${emailKey('mail', email)}`;
  const counters = await readCounters(deps.db, [ipCounter, addressCounter]);
  const wait = blockedFor(counters.get(ipCounter), limits.emailRequestsPerIp, now);
  if (wait !== null) throw rateLimited(wait, 'Too many email link requests from this address');
  await hit(deps.db, ipCounter, now);
  if (blockedFor(counters.get(addressCounter), limits.emailsPerAddress, now) !== null) {
    deps.logger.info({ purpose }, 'email link not sent: the address had its share of links in this window');
    return;
  }
  await hit(deps.db, addressCounter, now);
  const target = account === undefined ? await findAccountByEmail(deps.db, email) : account;
  if (target === null) return;
  await transactionWithRetry(deps.db, (trx) => mailLink(trx, deps, target, purpose));
}
