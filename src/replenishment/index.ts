/** Replenishment: suppliers, reorder points, purchase orders (raised at the reorder point, sent, received), backorders. */
export { replenishmentRoutes } from './purchase-orders.routes.js';
/** The run's job, its minute schedule, and the nudge the event relay gives it when availability falls. */
export { nudgeReplenishmentRun, replenishmentJobHandlers, replenishmentSchedules, REPLENISHMENT_RUN_JOB } from './jobs.js';
export { replenishmentDepsOf } from './replenishment-deps-of.js';
export type { ReplenishmentDeps } from './replenishment-deps.js';
export { allocateBackorders } from './allocate-backorders.js';
export { reorderQuantityFor, type ReorderQuantity, type ReorderQuantityInput } from './reorder-quantity.js';
export { purchaseOrderPdf } from './purchase-order-pdf.js';
export { purchaseOrderStatuses, purchaseOrderTransitions, type PurchaseOrderStatus } from './purchase-order-status.js';
/** One replenishment run now (what the job does): purchase orders for every pair at its reorder point. */
export { raisePurchaseOrders, type RunResult } from './raise-purchase-orders.js';
