/** What returns need, gathered once from the composition root's Deps. */
import type { Deps } from '../deps.js';
import { orderDepsOf } from '../orders/index.js';
import { shippingDepsOf } from '../shipping/shipping-deps-of.js';
import type { ReturnDeps } from './return-deps.js';

export function returnDepsOf(deps: Deps): ReturnDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    ids: deps.ids,
    enqueue: deps.enqueue,
    logger: deps.logger,
    settings: deps.config.returns,
    shipping: shippingDepsOf(deps),
    orders: orderDepsOf(deps),
    publicUrl: deps.config.publicUrl,
  };
}
