/** Live streams: order and shipment changes as Server-Sent Events, for staff and for customers. */
export { streamRoutes, type StreamDeps } from './streams.routes.js';
export { orderChangeSource, type OrderChange } from './order-change.repository.js';
export { customerData, customerEventTypes } from './customer-view.js';
