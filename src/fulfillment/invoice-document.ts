/**
 * An order's invoice as a PDF, rendered from the stored invoice record (the same bytes each time):
 * what staff download (GET /api/v1/orders/{id}/invoice.pdf) and what the customer downloads from
 * the portal (GET /portal/orders/{id}/invoice.pdf).
 */
import type { Config } from '../config.js';
import { loadOrder } from '../orders/index.js';
import type { Executor } from '../platform/db/database.js';
import { invoiceOf } from './fulfillment.repository.js';
import { renderInvoicePdf } from './invoice-pdf.js';

export interface InvoiceDocument {
  number: string;
  orderNumber: string;
  pdf: Buffer;
}

/** The invoice PDF of an order (id or number), or which of the two is missing: the order, or its invoice (not issued yet). */
export async function invoiceDocumentOf(db: Executor, config: Pick<Config, 'publicUrl' | 'shop'>, orderIdOrNumber: string): Promise<InvoiceDocument | 'no_order' | 'no_invoice'> {
  const order = await loadOrder(db, orderIdOrNumber, config.publicUrl);
  if (!order) return 'no_order';
  const invoice = await invoiceOf(db, order.id);
  if (!invoice) return 'no_invoice';
  const pdf = await renderInvoicePdf({ shop: config.shop, invoice: { number: invoice.number, issued_at: invoice.issued_at }, order });
  return { number: invoice.number, orderNumber: order.number, pdf };
}

/** Whether the order has its invoice (it is issued while the order is processed). */
export async function hasInvoice(db: Executor, orderId: string): Promise<boolean> {
  return (await invoiceOf(db, orderId)) !== null;
}
