/** The verification link: the address is the account's, so the account is linked to its orders. */
import type { AccountDeps } from './account-deps.js';
import type { AccountRow } from './account.repository.js';
import { markEmailVerified } from './link-customer.js';
import { useLink } from './use-link.js';

export function verifyEmail(deps: AccountDeps, token: string, ip: string): Promise<AccountRow> {
  return useLink(deps, 'verify_email', token, ip, (trx, account) => markEmailVerified(trx, { ids: deps.ids, now: deps.clock.now() }, account));
}
