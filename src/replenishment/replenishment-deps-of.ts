/** What replenishment needs, gathered once from the composition root's Deps. */
import type { Deps } from '../deps.js';
import { supplierEmailDepsOf } from '../notifications/index.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

export function replenishmentDepsOf(deps: Deps): ReplenishmentDeps {
  return {
    db: deps.db,
    dialect: deps.dialect,
    clock: deps.clock,
    ids: deps.ids,
    enqueue: deps.enqueue,
    logger: deps.logger,
    settings: deps.config.replenishment,
    publicUrl: deps.config.publicUrl,
    shop: deps.config.shop,
    mailFrom: deps.config.notifications.mailFrom,
    supplierEmail: supplierEmailDepsOf(deps),
  };
}
