/** Orders: placing (with atomic stock reservation), the lifecycle, cancellation, the timeline. */
export { orderRoutes } from './orders.routes.js';
export { placeOrder } from './place-order.js';
export { orderStatuses, orderTransitions, initialOrderStatuses, terminalOrderStatuses, type OrderStatus } from './order-status.js';
export type { Order, PlaceOrderInput } from './order.schemas.js';
