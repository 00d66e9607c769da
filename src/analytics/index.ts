/** Analytics: the admin dashboard's figures, read across orders, shipments, returns and stock. */
export { analyticsRoutes } from './analytics.routes.js';
