/**
 * An account's email proven (a verification, sign-in or reset link reached the mailbox): the account
 * is linked to the customer with that email, and so sees every order placed with it — those placed
 * before the account existed too, since orders find their customer by email. Until then it sees none:
 * registering somebody else's address gains nothing.
 */
import type { Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import { customerIdForEmail, findAccount, updateAccount, type AccountRow } from './account.repository.js';

export async function markEmailVerified(trx: Trx, deps: { ids: Ids; now: Date }, account: AccountRow): Promise<AccountRow> {
  if (account.email_verified_at !== null && account.customer_id !== null) return account;
  const now = deps.now.toISOString();
  const customerId = await customerIdForEmail(trx, { id: deps.ids.new('cus'), email: account.email, name: account.name, now });
  await updateAccount(trx, account.id, { email_verified_at: account.email_verified_at ?? now, customer_id: customerId, updated_at: now });
  return (await findAccount(trx, account.id))!;
}
