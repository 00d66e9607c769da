/** Tracking: carrier webhooks and polling into normalized events, exceptions, public tracking, carrier performance. */
export { carrierWebhookRoutes } from './carrier-webhooks.routes.js';
export { trackingRoutes } from './tracking.routes.js';
export { trackingJobHandlers, trackingSchedules, trackingJobs } from './jobs.js';
export { ingestTracking } from './ingest-tracking.js';
export { pollDueShipments, pollShipments } from './poll-tracking.js';
export { checkShipmentAttention } from './check-attention.js';
export { simTrackingRoutes } from './sim-tracking.routes.js';
