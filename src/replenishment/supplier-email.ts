/**
 * The email that sends a purchase order to its supplier, with the PDF attached. Written inside the
 * caller's transaction (the one that marks the order sent), once per purchase order: the key
 * `purchase_order:<id>:email` makes a retried or repeated send a no-op, so a supplier never gets
 * the same order twice. The PDF is made when the email leaves (the row names it), from the same
 * reading of the order as the email's text.
 */
import type { Trx } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { queueSupplierEmail, type PurchaseOrderEmailContext } from '../notifications/index.js';
import { loadPurchaseOrderDocument, type PurchaseOrderDocument } from './purchase-order-document.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

/** The kind of the attachment that notifications make with purchaseOrderPdf (notification-deps-of.ts). */
export const PURCHASE_ORDER_ATTACHMENT = 'purchase_order';

export function purchaseOrderEmailContext(shop: ReplenishmentDeps['shop'], document: PurchaseOrderDocument): PurchaseOrderEmailContext {
  const { purchaseOrder: po, supplier, warehouse, lines } = document;
  const address = warehouse.address;
  return {
    shop: { name: shop.name, address_lines: shop.address.split(/\r\n|\r|\n/).filter((line) => line.trim() !== ''), supportEmail: shop.supportEmail },
    supplier,
    purchase_order: { id: po.id, number: po.number, created_at: po.created_at, sent_at: po.sent_at, expected_at: po.expected_at, note: po.note, total_quantity: lines.reduce((sum, line) => sum + line.quantity, 0) },
    lines,
    ship_to: {
      code: warehouse.code,
      name: warehouse.name,
      // The goods are received by the shop at that warehouse: its name heads the address.
      address: { name: address.name ?? shop.name, line1: address.line1, line2: address.line2 ?? null, city: address.city, region: address.region ?? null, postal_code: address.postal_code ?? null, country: address.country },
    },
  };
}

/** Writes the supplier's email for the purchase order (and its send job); the notification's id, or null when it was written before. */
export async function enqueueSupplierEmail(trx: Trx, deps: ReplenishmentDeps, purchaseOrderId: string): Promise<string | null> {
  const document = await loadPurchaseOrderDocument(trx, purchaseOrderId);
  if (document === null) throw notFound(`Purchase order ${purchaseOrderId}`);
  const po = document.purchaseOrder;
  return queueSupplierEmail(trx, deps.supplierEmail, {
    type: 'purchase_order',
    dedupeKey: `purchase_order:${po.id}:email`,
    to: document.supplier.email,
    context: purchaseOrderEmailContext(deps.shop, document),
    attachment: { kind: PURCHASE_ORDER_ATTACHMENT, id: po.id, filename: `${po.number}.pdf` },
  });
}
