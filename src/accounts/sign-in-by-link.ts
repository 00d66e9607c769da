/**
 * Signing in with a magic link. The link proves the mailbox, so it verifies the address too. When
 * it was not verified before, whoever registered the account had never proven they own the address
 * — perhaps somebody squatting it — so their password is dropped and their sessions are ended: the
 * mailbox's owner gets the account, and sets a password of their own (POST /portal/auth/password).
 */
import { endSessionsOf } from '../platform/http/sessions.js';
import type { AccountDeps } from './account-deps.js';
import { updateAccount, type AccountRow } from './account.repository.js';
import { markEmailVerified } from './link-customer.js';
import { useLink } from './use-link.js';

export function signInByLink(deps: AccountDeps, token: string, ip: string): Promise<AccountRow> {
  return useLink(deps, 'magic_link', token, ip, async (trx, account) => {
    const now = deps.clock.now();
    if (account.email_verified_at === null) {
      if (account.password_hash !== null) await updateAccount(trx, account.id, { password_hash: null, updated_at: now.toISOString() });
      await endSessionsOf(trx, 'customer', account.id);
      return markEmailVerified(trx, { ids: deps.ids, now }, { ...account, password_hash: null });
    }
    return account;
  });
}
