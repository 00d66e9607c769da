/** What the orders capability needs from the composition root, gathered once. */
import type { Deps } from '../deps.js';
import type { SubmitOrderDeps } from './submit-order.js';

export function orderDepsOf(deps: Deps): SubmitOrderDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    ids: deps.ids,
    dialect: deps.dialect,
    logger: deps.logger,
    enqueue: deps.enqueue,
    payments: deps.payments,
    captureAt: deps.config.captureAt,
    publicUrl: deps.config.publicUrl,
    pricing: { shippingFee: deps.config.shippingFee, taxRateBps: deps.config.taxRateBps },
  };
}
