/** Replenishment: suppliers, reorder points, purchase orders (raised at the reorder point, sent, received), backorders. */
export { replenishmentRoutes } from './purchase-orders.routes.js';
export { replenishmentJobHandlers, replenishmentSchedules, REPLENISHMENT_RUN_JOB } from './jobs.js';
export { replenishmentDepsOf } from './replenishment-deps-of.js';
export type { ReplenishmentDeps } from './replenishment-deps.js';
export { allocateBackorders } from './allocate-backorders.js';
export { reorderQuantityFor, type ReorderQuantity, type ReorderQuantityInput } from './reorder-quantity.js';
export { purchaseOrderPdf } from './purchase-order-pdf.js';
export { purchaseOrderStatuses, purchaseOrderTransitions, type PurchaseOrderStatus } from './purchase-order-status.js';
