/** What shipping and tracking need, gathered once from the composition root's Deps. */
import type { Deps } from '../deps.js';
import { orderDepsOf } from '../orders/index.js';
import type { ShippingDeps } from './shipping-deps.js';

export function shippingDepsOf(deps: Deps): ShippingDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    ids: deps.ids,
    enqueue: deps.enqueue,
    logger: deps.logger,
    carriers: deps.carriers,
    settings: deps.config.shipping,
    boxes: deps.config.boxes,
    shopName: deps.config.shop.name,
    branding: deps.config.notifications.branding,
    publicUrl: deps.config.publicUrl,
    orders: orderDepsOf(deps),
  };
}
