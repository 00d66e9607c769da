/**
 * Who a session belongs to, read at every request (no cache): a role changed, a user disabled or an
 * account removed takes effect on the next request. The platform's auth hook calls this (it knows no capability).
 */
import type { Deps } from '../deps.js';
import { isRole } from '../platform/http/api-keys.js';
import type { SessionAuth } from '../platform/http/auth.js';
import { accountDepsOf } from './account-deps.js';

export function sessionAuthOf(deps: Deps): SessionAuth {
  const accountDeps = accountDepsOf(deps);
  return {
    settings: accountDeps.sessions,
    clock: deps.clock,
    loadSubject: async (kind, subjectId) => {
      if (kind === 'staff') {
        const user = await deps.db.selectFrom('staff_users').select(['role', 'disabled_at']).where('id', '=', subjectId).executeTakeFirst();
        // Disabling ends the user's sessions too; this check also covers one made in the meantime.
        return user !== undefined && user.disabled_at === null && isRole(user.role) ? { kind: 'staff', role: user.role } : null;
      }
      const account = await deps.db.selectFrom('accounts').select(['email', 'customer_id']).where('id', '=', subjectId).executeTakeFirst();
      return account === undefined ? null : { kind: 'customer', customerId: account.customer_id, email: account.email };
    },
  };
}
