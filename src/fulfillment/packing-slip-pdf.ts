/**
 * The packing slip: a page per package (more if its items run over), with the order number as a
 * Code 128 barcode for the packing bench's scanner, the ship-to address, what goes in the box with
 * a box to tick per line, and the box and weight packing chose. No prices: the slip travels in the
 * parcel. Deterministic like the invoice: its date is the order's.
 *
 * The barcode is drawn as vector paths (bwip-js's SVG rendering), not embedded as a PNG: bwip-js
 * writes RGBA PNGs, which pdfkit splits into image and alpha mask after an asynchronous inflate,
 * and with the image on several pages those callbacks can finish in either order and reorder the
 * file's objects (seen as two renders of one slip differing). Vector bars are also sharp at any
 * printer resolution, which scanners like.
 */
import bwipjs from 'bwip-js';
import { addressLines, bottomOf, contentWidth, drawRow, MARGIN, newDocument, pdfText, recordDate, rowHeight, stampFooters, toBuffer, type Cell, type DocumentOptions, type PostalAddress } from '../platform/pdf/pdf-document.js';

export interface PackingSlipPackage {
  seq: number;
  /** How the warehouse is named to the people packing (a name or a code). */
  warehouse: string;
  /** Null: no box fits, the item ships as is. */
  box_code: string | null;
  length_mm?: number;
  width_mm?: number;
  height_mm?: number;
  /** Contents plus box. */
  weight_grams: number;
  items: ReadonlyArray<{ sku: string; quantity: number }>;
}

export interface PackingSlipData {
  shop: { name: string };
  order: { number: string; created_at: string; shipping_address: PostalAddress };
  packages: readonly PackingSlipPackage[];
  /** Product names by SKU; a SKU without one prints without a name. */
  names: ReadonlyMap<string, string>;
}

const BARCODE_WIDTH = 190;
const COL = {
  check: { x: MARGIN, width: 34 },
  qty: { x: MARGIN + 36, width: 36 },
  sku: { x: MARGIN + 84, width: 130 },
  name: { x: MARGIN + 219, width: 276 },
} as const;

/** Weight for people: grams below a kilogram, kilograms with two decimals above. */
export function formatWeight(grams: number): string {
  return grams < 1000 ? `${Math.round(grams)} g` : `${(grams / 1000).toFixed(2)} kg`;
}

export async function renderPackingSlipPdf(data: PackingSlipData, options: DocumentOptions = {}): Promise<Buffer> {
  const { order, packages } = data;
  if (packages.length === 0) throw new RangeError(`packing slip of order ${order.number}: there are no packages to list`);
  // Code 128 encodes ASCII; order numbers are ours (W-000123), so anything else is a bug to surface.
  if (!/^[\x20-\x7e]{1,80}$/.test(order.number)) throw new RangeError(`packing slip: order number ${JSON.stringify(order.number)} cannot be a Code 128 barcode`);
  const barcode = parseBarcodeSvg(bwipjs.toSVG({ bcid: 'code128', text: order.number, scale: 1, height: 12, includetext: true, textxalign: 'center' }));
  const doc = newDocument(recordDate(order.created_at, `order ${order.number} created_at`), `Packing slip ${order.number}`, options);
  const shipTo = addressLines(order.shipping_address);

  packages.forEach((pkg, index) => {
    if (index > 0) doc.addPage();
    const which = `Package ${index + 1} of ${packages.length}`;
    const top = doc.page.margins.top;
    const barcodeHeight = drawVector(doc, barcode, MARGIN + contentWidth(doc) - BARCODE_WIDTH, top, BARCODE_WIDTH);
    doc.font('Helvetica-Bold').fontSize(16).text(pdfText(data.shop.name), MARGIN, top, { width: contentWidth(doc) - BARCODE_WIDTH - 20 });
    doc.font('Helvetica-Bold').fontSize(12).text('PACKING SLIP');
    doc.font('Helvetica').fontSize(10).text(`Order ${pdfText(order.number)}`).text(`${which} - ships from ${pdfText(pkg.warehouse)}`);
    doc.y = Math.max(doc.y, top + barcodeHeight);
    doc.moveDown();

    doc.font('Helvetica-Bold').text('Ship to');
    doc.font('Helvetica');
    for (const line of shipTo) doc.text(line);
    doc.moveDown();

    const units = pkg.items.reduce((n, i) => n + i.quantity, 0);
    doc.font('Helvetica-Bold').text('Package');
    doc.font('Helvetica').text(boxLine(pkg)).text(`Weight ${formatWeight(pkg.weight_grams)} - ${units} ${units === 1 ? 'unit' : 'units'}`);
    doc.moveDown();

    const tableHead = (at: number) => {
      doc.font('Helvetica-Bold').fontSize(10);
      const below = drawRow(doc, cells('Done', 'Qty', 'SKU', 'Item'), at);
      doc.moveTo(MARGIN, below + 2).lineTo(MARGIN + contentWidth(doc), below + 2).lineWidth(0.5).stroke();
      doc.font('Helvetica').fontSize(10);
      return below + 8;
    };
    let y = tableHead(doc.y);
    for (const item of pkg.items) {
      const row = cells('', String(item.quantity), pdfText(item.sku), pdfText(data.names.get(item.sku) ?? ''));
      if (y + rowHeight(doc, row) > bottomOf(doc)) {
        doc.addPage();
        doc.font('Helvetica').fontSize(10).text(`Order ${pdfText(order.number)} - ${which} (continued)`, MARGIN, doc.page.margins.top);
        y = tableHead(doc.y + 10);
      }
      doc.rect(COL.check.x + 8, y, 10, 10).lineWidth(0.8).stroke();
      y = drawRow(doc, row, y) + 8;
    }
  });

  stampFooters(doc, (page, pages) => `${data.shop.name} - packing slip for order ${order.number} - page ${page} of ${pages}`);
  return toBuffer(doc);
}

export interface VectorDrawing {
  width: number;
  height: number;
  paths: Array<{ d: string; fill: string } | { d: string; stroke: string; strokeWidth: number }>;
}

/** The paths of bwip-js's SVG output: stroked bars and filled glyph outlines in a viewBox. */
export function parseBarcodeSvg(svg: string): VectorDrawing {
  const box = /<svg[^>]*\sviewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!box) throw new Error('barcode SVG has no viewBox');
  const paths: VectorDrawing['paths'] = [];
  for (const [, attributes] of svg.matchAll(/<path\s([^>]*?)\/?>/g)) {
    const a = Object.fromEntries([...attributes!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, value!]));
    if (!a.d) throw new Error('barcode SVG has a path without data');
    if (a.stroke) paths.push({ d: a.d, stroke: a.stroke, strokeWidth: Number(a['stroke-width'] ?? 1) });
    else paths.push({ d: a.d, fill: a.fill ?? '#000000' });
  }
  if (paths.length === 0) throw new Error('barcode SVG has no paths');
  return { width: Number(box[1]), height: Number(box[2]), paths };
}

/** Draws a vector drawing scaled to `width` at (x, y); returns the height it took. */
function drawVector(doc: PDFKit.PDFDocument, drawing: VectorDrawing, x: number, y: number, width: number): number {
  const scale = width / drawing.width;
  doc.save().translate(x, y).scale(scale);
  for (const p of drawing.paths) {
    if ('stroke' in p) doc.path(p.d).lineWidth(p.strokeWidth).stroke(p.stroke);
    else doc.path(p.d).fill(p.fill);
  }
  doc.restore();
  return drawing.height * scale;
}

function boxLine(pkg: PackingSlipPackage): string {
  const size = pkg.length_mm && pkg.width_mm && pkg.height_mm ? ` (${pkg.length_mm} × ${pkg.width_mm} × ${pkg.height_mm} mm)` : '';
  return pkg.box_code === null ? `No box: oversize, ships as is${size}` : `Box ${pdfText(pkg.box_code)}${size}`;
}

function cells(check: string, qty: string, sku: string, name: string): Cell[] {
  return [
    { text: check, ...COL.check },
    { text: qty, ...COL.qty, align: 'right' },
    { text: sku, ...COL.sku },
    { text: name, ...COL.name },
  ];
}
