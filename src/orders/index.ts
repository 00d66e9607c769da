/** Orders: placing (with atomic stock reservation), the lifecycle, cancellation, the timeline. */
export { orderRoutes } from './orders.routes.js';
export { refundRoutes } from './refunds.routes.js';
export { paymentWebhookRoutes } from './payment-webhooks.routes.js';
export { paymentJobHandlers } from './payment-jobs.js';
export { afterOrderStatusChange, enqueueFulfillment, FULFILLMENT_START_JOB, type OrderPaymentDeps } from './order-payments.js';
export { findOrderRow, findOrderLines, findAllocationViews, insertOrderEvent, lockOrder, setOrderStatus, loadOrder, updateLineQuantities, orderLineView, expectedDatesOf, orderNumbersOf } from './order.repository.js';
export { placeOrder } from './place-order.js';
export { orderDepsOf } from './order-deps.js';
export { orderStatuses, orderTransitions, initialOrderStatuses, terminalOrderStatuses, canTransition, type OrderStatus } from './order-status.js';
export type { Order, PlaceOrderInput } from './order.schemas.js';
export { OrderLineSchema, OrderStatusSchema } from './order.schemas.js';
export { openRefund, retryRefund, refundableNow, refundIdempotencyKey, REFUND_JOB, RETURN_REFUND_SETTLED_JOB } from './refund-money.js';
export { currentPayment, amountOwedOn } from './order-payments.js';
export { recordReturnedUnits, everythingCameBack, type ReturnedUnitsResult } from './returned-units.js';
export { placeReplacementOrder, type Replacement } from './place-replacement-order.js';
/** Delivery feedback: customers rate a delivery once it arrived (the portal's PUT), staff read it. */
export { leaveFeedback, FEEDBACK_EVENT } from './leave-feedback.js';
export { feedbackRoutes } from './feedback.routes.js';
export { findFeedback } from './delivery-feedback.repository.js';
export { deliveryArrived } from './feedback-rules.js';
export { FeedbackBody, FeedbackSchema, type Feedback } from './feedback.schemas.js';
