/** The invoice document, rendered from the stored invoice and its order (the same bytes each time). */
import { formatMoney } from '../platform/money.js';
import { latin1, newDocument, toBuffer } from './pdf-text.js';

export interface InvoiceData {
  shop: { name: string; address: string; supportEmail: string };
  invoice: { number: string; issued_at: string };
  order: {
    number: string;
    currency: string;
    customer: { name: string; email: string };
    shipping_address: { name: string; line1: string; line2?: string | null; city: string; region?: string | null; postal_code?: string | null; country: string };
    lines: ReadonlyArray<{ sku: string; name: string; quantity: number; quantity_cancelled: number; unit_price: number }>;
    subtotal: number;
    shipping_total: number;
    tax_total: number;
    total: number;
    payment_status: string;
  };
}

const COLUMNS = { sku: 50, name: 140, qty: 340, price: 390, total: 470 } as const;

export async function renderInvoicePdf(data: InvoiceData): Promise<Buffer> {
  const { shop, invoice, order } = data;
  const doc = newDocument(new Date(invoice.issued_at), `Invoice ${invoice.number}`);
  const money = (amount: number) => latin1(formatMoney(amount, order.currency));
  const a = order.shipping_address;

  doc.font('Helvetica-Bold').fontSize(18).text(latin1(shop.name));
  doc.font('Helvetica').fontSize(9).text(latin1(shop.address)).text(latin1(shop.supportEmail));
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(14).text(`Invoice ${invoice.number}`);
  doc.font('Helvetica').fontSize(10).text(`Date: ${invoice.issued_at.slice(0, 10)}`).text(`Order: ${order.number}`).text(`Payment: ${latin1(order.payment_status)}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Bill to / ship to');
  doc.font('Helvetica').text(latin1(`${order.customer.name} <${order.customer.email}>`));
  for (const line of [a.line1, a.line2, [a.postal_code, a.city, a.region].filter(Boolean).join(' '), a.country]) if (line) doc.text(latin1(line));
  doc.moveDown();

  const header = () => {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9);
    doc.text('SKU', COLUMNS.sku, y).text('Item', COLUMNS.name, y).text('Qty', COLUMNS.qty, y).text('Unit', COLUMNS.price, y).text('Amount', COLUMNS.total, y);
    doc.font('Helvetica').moveDown(0.5);
  };
  header();
  for (const line of order.lines) {
    const quantity = line.quantity - line.quantity_cancelled;
    if (quantity <= 0) continue;
    if (doc.y > 740) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.text(latin1(line.sku), COLUMNS.sku, y, { width: 85 }).text(latin1(line.name), COLUMNS.name, y, { width: 195 });
    doc.text(String(quantity), COLUMNS.qty, y).text(money(line.unit_price), COLUMNS.price, y).text(money(line.unit_price * quantity), COLUMNS.total, y);
    doc.moveDown(0.3);
  }
  doc.moveDown();
  for (const [label, amount] of [
    ['Subtotal', order.subtotal],
    ['Shipping', order.shipping_total],
    ['Tax', order.tax_total],
    ['Total', order.total],
  ] as const) {
    const y = doc.y;
    doc.font(label === 'Total' ? 'Helvetica-Bold' : 'Helvetica').text(label, COLUMNS.price, y).text(money(amount), COLUMNS.total, y);
  }
  return toBuffer(doc);
}
