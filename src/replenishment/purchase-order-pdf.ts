/**
 * The purchase order as a PDF: the document of record the supplier gets attached to its email.
 * The shop (who orders, and where to write), the order's number and dates, the supplier, the
 * warehouse the goods go to, and the lines (SKU, product, quantity). No prices: Waybill keeps no
 * purchase prices, and a supplier invoices at its own. Deterministic like the invoice: the
 * document's date is the order's creation, so the same order renders the same bytes.
 *
 * The page helpers are the fulfillment documents' (fulfillment/pdf-text.ts: WinAnsi text, tables,
 * footers), shared the way the sim carrier's label shares them.
 */
import type { Executor } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { addressLines, bottomOf, drawParties, contentWidth, drawRow, MARGIN, newDocument, pdfLines, pdfText, recordDate, rowHeight, stampFooters, toBuffer, type Cell, type DocumentOptions } from '../platform/pdf/pdf-document.js';
import { loadPurchaseOrderDocument, type PurchaseOrderDocument } from './purchase-order-document.js';

export interface PurchaseOrderPdfData extends PurchaseOrderDocument {
  shop: { name: string; address: string; supportEmail: string };
}

// Columns of the lines table on A4 with 50 pt margins (495 pt wide): line, SKU, item, quantity.
const COL = {
  line: { x: MARGIN, width: 24 },
  sku: { x: MARGIN + 30, width: 110 },
  name: { x: MARGIN + 146, width: 279 },
  qty: { x: MARGIN + 430, width: 65 },
} as const;
const TABLE_FONT_SIZE = 9;
const ROW_GAP = 4;

/** The UTC calendar day of a stored timestamp, as the invoice prints its date. */
const day = (iso: string, what: string) => recordDate(iso, what).toISOString().slice(0, 10);

export async function renderPurchaseOrderPdf(data: PurchaseOrderPdfData, options: DocumentOptions = {}): Promise<Buffer> {
  const { shop, purchaseOrder: po, supplier, warehouse, lines } = data;
  const created = recordDate(po.created_at, `purchase order ${po.number} created_at`);
  const doc = newDocument(created, `Purchase order ${po.number}`, options);
  const number = pdfText(po.number);

  // Head: the shop on the left (who orders, where to write), what this document is on the right.
  const top = doc.y;
  doc.font('Helvetica-Bold').fontSize(18).text(pdfText(shop.name), MARGIN, top, { width: 260 });
  doc.font('Helvetica').fontSize(9);
  for (const line of [...pdfLines(shop.address), pdfText(shop.supportEmail)]) doc.text(line, { width: 260 });
  const leftBottom = doc.y;
  const right = { x: MARGIN + 275, width: contentWidth(doc) - 275, align: 'right' as const };
  doc.font('Helvetica-Bold').fontSize(20).text('PURCHASE ORDER', right.x, top, right);
  doc.font('Helvetica').fontSize(10);
  const dates = [
    `PO no. ${number}`,
    `Date ${created.toISOString().slice(0, 10)}`,
    po.sent_at !== null ? `Sent ${day(po.sent_at, `purchase order ${po.number} sent_at`)}` : `Not sent yet (${pdfText(po.status)})`,
    ...(po.expected_at !== null ? [`Expected ${day(po.expected_at, `purchase order ${po.number} expected_at`)}`] : []),
  ];
  for (const line of dates) doc.text(line, right.x, doc.y, right);
  let y = Math.max(leftBottom, doc.y) + 24;

  // Parties: the supplier, and where the goods go (the shop receives them at that warehouse).
  const shipTo = [`${pdfText(warehouse.name)} (${pdfText(warehouse.code)})`, ...addressLines({ ...warehouse.address, name: warehouse.address.name ?? shop.name })];
  y = drawParties(doc, y, [
    ['Supplier', [pdfText(supplier.name), pdfText(supplier.email)]],
    ['Ship to', shipTo],
  ]);

  // Lines, page by page, the table head repeated on each.
  const tableHead = (at: number) => {
    doc.font('Helvetica-Bold').fontSize(TABLE_FONT_SIZE);
    const below = drawRow(doc, row('#', 'SKU', 'Item', 'Quantity'), at);
    doc.moveTo(MARGIN, below + 2).lineTo(MARGIN + contentWidth(doc), below + 2).lineWidth(0.5).stroke();
    doc.font('Helvetica').fontSize(TABLE_FONT_SIZE);
    return below + 6;
  };
  const newPage = () => {
    doc.addPage();
    doc.font('Helvetica').fontSize(9).text(`Purchase order ${number} (continued)`, MARGIN, doc.page.margins.top);
    return doc.y + 10;
  };
  y = tableHead(y);
  for (const line of lines) {
    const cells = row(String(line.line_no), pdfText(line.sku), pdfText(line.name), String(line.quantity));
    doc.font('Helvetica').fontSize(TABLE_FONT_SIZE);
    if (y + rowHeight(doc, cells) > bottomOf(doc)) y = tableHead(newPage());
    y = drawRow(doc, cells, y) + ROW_GAP;
  }

  // The total and the note, kept together on one page.
  const note = po.note === null || po.note.trim() === '' ? [] : pdfLines(po.note);
  if (y + 40 + note.length * 14 > bottomOf(doc)) y = newPage();
  doc.moveTo(COL.name.x, y + 4).lineTo(MARGIN + contentWidth(doc), y + 4).lineWidth(0.5).stroke();
  y += 10;
  doc.font('Helvetica-Bold').fontSize(10);
  const units = lines.reduce((sum, line) => sum + line.quantity, 0);
  y = drawRow(doc, [{ text: 'Total units', ...COL.name, align: 'right' }, { text: String(units), ...COL.qty, align: 'right' }], y) + 16;
  if (note.length > 0) {
    doc.font('Helvetica-Bold').fontSize(10).text('Note', MARGIN, y);
    doc.font('Helvetica').fontSize(10);
    for (const line of note) doc.text(line, MARGIN, doc.y, { width: contentWidth(doc) });
    y = doc.y + 12;
  }
  doc.font('Helvetica').fontSize(9).text(pdfText(`Please quote ${po.number} on your delivery note and invoice. Questions: ${shop.supportEmail}.`), MARGIN, y, { width: contentWidth(doc) });

  stampFooters(doc, (page, pages) => `${shop.name} - purchase order ${po.number} - questions: ${shop.supportEmail} - page ${page} of ${pages}`);
  return toBuffer(doc);
}

/** The purchase order's PDF, read from the database (the email's attachment, made when it is sent). */
export async function purchaseOrderPdf(db: Executor, shop: { name: string; address: string; supportEmail: string }, purchaseOrderId: string): Promise<Buffer> {
  const document = await loadPurchaseOrderDocument(db, purchaseOrderId);
  if (document === null) throw notFound(`Purchase order ${purchaseOrderId}`);
  return renderPurchaseOrderPdf({ ...document, shop });
}

function row(line: string, sku: string, name: string, qty: string): Cell[] {
  return [
    { text: line, ...COL.line },
    { text: sku, ...COL.sku },
    { text: name, ...COL.name },
    { text: qty, ...COL.qty, align: 'right' },
  ];
}

