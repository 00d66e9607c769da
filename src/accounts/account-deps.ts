/** What the accounts capability needs from the composition root. */
import type { Logger } from 'pino';
import type { Deps } from '../deps.js';
import { createAccountEmailRenderer, type AccountEmailDeps } from '../notifications/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { SessionSettings } from '../platform/http/sessions.js';
import type { Ids } from '../platform/ids.js';

export interface AccountDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  sessions: SessionSettings;
  publicUrl: string;
  email: AccountEmailDeps;
}

// The templates are compiled once per composition root, not per request.
const made = new WeakMap<Deps, AccountDeps>();

export function accountDepsOf(deps: Deps): AccountDeps {
  const known = made.get(deps);
  if (known) return known;
  const n = deps.config.notifications;
  const accountDeps: AccountDeps = {
    db: deps.db,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    sessions: { idleMs: deps.config.auth.sessionIdleMs, absoluteMs: deps.config.auth.sessionAbsoluteMs, secure: deps.config.auth.secureCookies },
    publicUrl: deps.config.publicUrl,
    email: {
      ids: deps.ids,
      clock: deps.clock,
      enqueue: deps.enqueue,
      publicUrl: deps.config.publicUrl,
      branding: {
        shopName: deps.config.shop.name,
        logoUrl: n.branding.logoUrl,
        primaryColor: n.branding.primaryColor,
        accentColor: n.branding.accentColor,
        supportEmail: deps.config.shop.supportEmail,
        websiteUrl: n.branding.websiteUrl,
      },
      transport: deps.messages.transports.email,
      renderer: createAccountEmailRenderer({ overrideDir: n.templatesDir }),
    },
  };
  made.set(deps, accountDeps);
  return accountDeps;
}
