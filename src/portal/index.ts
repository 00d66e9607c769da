/** The customer portal's data: the signed-in customer's orders and notification preferences (under /portal). */
export { portalRoutes, type PortalDeps } from './portal.routes.js';
export { PortalOrderSchema, PortalOrderSummarySchema, type PortalOrder, type PortalOrderSummary } from './portal-order.js';
