/** Fulfillment: the processing pipeline (pick lists, packing, invoices) and its documents. */
export { fulfillmentJobHandlers, fulfillmentJobs, type FulfillmentDeps } from './jobs.js';
export { fulfillmentRoutes } from './fulfillment.routes.js';
export { packagesOf, type StoredPackage } from './fulfillment.repository.js';
export { packItems, type PackItem, type PlannedPackage } from './packing.js';
export type { BoxCatalog } from './box-catalog.js';
/** An order's invoice PDF (staff and the customer portal download the same document). */
export { invoiceDocumentOf, hasInvoice, type InvoiceDocument } from './invoice-document.js';
