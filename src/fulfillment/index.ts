/** Fulfillment: the processing pipeline (pick lists, packing, invoices) and its documents. */
export { fulfillmentJobHandlers, fulfillmentJobs, type FulfillmentDeps } from './jobs.js';
export { fulfillmentRoutes } from './fulfillment.routes.js';
