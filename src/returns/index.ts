/** Returns and exchanges: the policy, a return's lifecycle, its label, receipt, refund and replacement order. */
export { returnRoutes } from './returns.routes.js';
export { returnReceiptRoutes } from './return-receipt.routes.js';
export { portalReturnRoutes } from './portal-returns.routes.js';
export { returnJobHandlers, returnJobs } from './jobs.js';
export { returnDepsOf } from './return-deps-of.js';
export type { ReturnDeps } from './return-deps.js';
export { returnShipmentProgressed } from './return-shipment-progress.js';
export { returnsOfOrder, returnViews, findReturn, type ReturnRecord } from './return.repository.js';
export { ReturnSchema, type ReturnView } from './return.schemas.js';
export { returnStatuses, returnTransitions, openReturnStatuses, type ReturnStatus } from './return-status.js';
