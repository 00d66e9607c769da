/**
 * The invoice document, rendered from the stored invoice and its order. No I/O and no clock: the
 * document's date is the invoice's, so the same data renders the same bytes (see pdf-text.ts).
 */
import { formatMoney, multiply } from '../platform/money.js';
import { addressLines, bottomOf, drawParties, contentWidth, drawRow, MARGIN, newDocument, pdfLines, pdfText, recordDate, rowHeight, stampFooters, toBuffer, type Cell, type DocumentOptions, type PostalAddress } from '../platform/pdf/pdf-document.js';

export interface InvoiceLine {
  sku: string;
  name: string;
  quantity: number;
  /** Units cancelled before invoicing are not billed; a line with none left is not printed. */
  quantity_cancelled?: number;
  /** Minor units of the order's currency. */
  unit_price: number;
}

export interface InvoiceData {
  shop: { name: string; address: string; supportEmail: string };
  /** `issued_at` is an ISO timestamp; its UTC date is the invoice date. */
  invoice: { number: string; issued_at: string };
  order: {
    number: string;
    currency: string;
    customer: { name: string; email: string };
    /** When absent, the invoice bills the customer by name and email only. */
    billing_address?: PostalAddress | null;
    shipping_address: PostalAddress;
    lines: readonly InvoiceLine[];
    /** Minor units, as stored on the order: the invoice prints them, it does not recompute them. */
    subtotal: number;
    shipping_total: number;
    tax_total: number;
    total: number;
    payment_status: string;
  };
}

/** The order's payment status in a customer's words; an unknown status prints as it is. */
const PAYMENT_LABELS: Readonly<Record<string, string>> = {
  not_required: 'No payment due',
  pending: 'Payment pending',
  authorizing: 'Payment pending',
  authorized: 'Authorized, not yet charged',
  capture_failed: 'Payment failed',
  declined: 'Payment declined',
  voided: 'Payment cancelled',
  captured: 'Paid',
  partially_refunded: 'Paid, partially refunded',
  refunded: 'Refunded',
};

export function paymentLabel(status: string): string {
  return PAYMENT_LABELS[status] ?? status;
}

// Columns of the lines table on A4 with 50 pt margins (495 pt wide): SKU, item, qty, unit, amount.
const COL = {
  sku: { x: MARGIN, width: 85 },
  name: { x: MARGIN + 90, width: 195 },
  qty: { x: MARGIN + 290, width: 35 },
  unit: { x: MARGIN + 330, width: 80 },
  amount: { x: MARGIN + 415, width: 80 },
} as const;
const TABLE_FONT_SIZE = 9;
const ROW_GAP = 4;

export async function renderInvoicePdf(data: InvoiceData, options: DocumentOptions = {}): Promise<Buffer> {
  const { shop, invoice, order } = data;
  const issued = recordDate(invoice.issued_at, `invoice ${invoice.number} issued_at`);
  const doc = newDocument(issued, `Invoice ${invoice.number}`, options);
  const money = (amount: number) => pdfText(formatMoney(amount, order.currency));
  const number = pdfText(invoice.number);

  // Head: the shop on the left, what this document is on the right.
  const top = doc.y;
  doc.font('Helvetica-Bold').fontSize(18).text(pdfText(shop.name), MARGIN, top, { width: 260 });
  doc.font('Helvetica').fontSize(9);
  for (const line of [...pdfLines(shop.address), pdfText(shop.supportEmail)]) doc.text(line, { width: 260 });
  const leftBottom = doc.y;
  const right = { x: MARGIN + 275, width: contentWidth(doc) - 275, align: 'right' as const };
  doc.font('Helvetica-Bold').fontSize(20).text('INVOICE', right.x, top, right);
  doc.font('Helvetica').fontSize(10);
  for (const line of [`Invoice no. ${number}`, `Date ${issued.toISOString().slice(0, 10)}`, `Order ${pdfText(order.number)}`, pdfText(paymentLabel(order.payment_status))]) {
    doc.text(line, right.x, doc.y, right);
  }
  let y = Math.max(leftBottom, doc.y) + 24;

  // Parties: bill to / ship to side by side.
  const billTo = [pdfText(order.customer.name), pdfText(order.customer.email), ...(order.billing_address ? addressLines({ ...order.billing_address, name: null }) : [])];
  const shipTo = addressLines(order.shipping_address);
  y = drawParties(doc, y, [
    ['Bill to', billTo],
    ['Ship to', shipTo],
  ]);

  // Lines, page by page, the table head repeated on each.
  const tableHead = (at: number) => {
    doc.font('Helvetica-Bold').fontSize(TABLE_FONT_SIZE);
    const below = drawRow(doc, row('SKU', 'Item', 'Qty', 'Unit price', 'Amount'), at);
    doc.moveTo(MARGIN, below + 2).lineTo(MARGIN + contentWidth(doc), below + 2).lineWidth(0.5).stroke();
    doc.font('Helvetica').fontSize(TABLE_FONT_SIZE);
    return below + 6;
  };
  const newPage = () => {
    doc.addPage();
    doc.font('Helvetica').fontSize(9).text(`Invoice ${number} - order ${pdfText(order.number)} (continued)`, MARGIN, doc.page.margins.top);
    return doc.y + 10;
  };
  y = tableHead(y);
  for (const line of order.lines) {
    const quantity = line.quantity - (line.quantity_cancelled ?? 0);
    if (quantity <= 0) continue;
    const cells = row(pdfText(line.sku), pdfText(line.name), String(quantity), money(line.unit_price), money(multiply(line.unit_price, quantity)));
    doc.font('Helvetica').fontSize(TABLE_FONT_SIZE);
    if (y + rowHeight(doc, cells) > bottomOf(doc)) y = tableHead(newPage());
    y = drawRow(doc, cells, y) + ROW_GAP;
  }

  // Totals, kept together on one page.
  const totals: Array<[string, number]> = [
    ['Subtotal', order.subtotal],
    ['Shipping', order.shipping_total],
    ['Tax', order.tax_total],
    ['Total', order.total],
  ];
  if (y + 20 + totals.length * 16 > bottomOf(doc)) y = newPage();
  doc.moveTo(COL.unit.x, y + 4).lineTo(MARGIN + contentWidth(doc), y + 4).lineWidth(0.5).stroke();
  y += 10;
  for (const [label, amount] of totals) {
    doc.font(label === 'Total' ? 'Helvetica-Bold' : 'Helvetica').fontSize(label === 'Total' ? 11 : 10);
    const labelCell = { text: label, x: COL.qty.x, width: COL.unit.x + COL.unit.width - COL.qty.x, align: 'right' as const };
    y = drawRow(doc, [labelCell, { text: money(amount), ...COL.amount, align: 'right' }], y) + 4;
  }

  stampFooters(doc, (page, pages) => `${shop.name} - invoice ${invoice.number} - questions: ${shop.supportEmail} - page ${page} of ${pages}`);
  return toBuffer(doc);
}

function row(sku: string, name: string, qty: string, unit: string, amount: string): Cell[] {
  return [
    { text: sku, ...COL.sku },
    { text: name, ...COL.name },
    { text: qty, ...COL.qty, align: 'right' },
    { text: unit, ...COL.unit, align: 'right' },
    { text: amount, ...COL.amount, align: 'right' },
  ];
}

