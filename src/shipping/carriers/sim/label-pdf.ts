/**
 * The simulated carrier's shipping label: one 4 × 6 inch page (the thermal printers' size), laid out
 * like a real carrier's, with the tracking number as a Code 128 barcode a scanner can read, so the
 * whole pack-and-ship bench can be rehearsed before any real carrier is set up. It says plainly that
 * it is simulated, so that nobody hands one to a driver.
 *
 * Deterministic like the project's other documents (pdf-text.ts): the label's date is the document's
 * CreationDate and nothing else varies. The barcode is vector paths from bwip-js's SVG, for the reason
 * packing-slip-pdf.ts gives; its digits are printed as text below it, not by bwip-js, so that they are
 * real (searchable, copyable) text in the file.
 */
import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import type { CarrierAddress } from '../carrier.js';
import { utcDate } from '../carrier-time.js';
import { formatWeight, parseBarcodeSvg, type VectorDrawing } from '../../../fulfillment/packing-slip-pdf.js';
import { addressLines, pdfText, recordDate, toBuffer, type DocumentOptions } from '../../../platform/pdf/pdf-document.js';

export interface SimLabelInput {
  trackingNumber: string;
  /** Printed in big letters ("Sim Express"). */
  serviceName: string;
  from: CarrierAddress;
  to: CarrierAddress;
  /** This package's weight. */
  weightGrams: number;
  /** 1-based. */
  packageIndex: number;
  packageCount: number;
  /** Waybill's shipment id. */
  reference: string;
  /** The label's date (a Date or an ISO timestamp): printed, and the document's CreationDate. */
  date: Date | string;
}

/** 4 × 6 inches in points. */
const WIDTH = 288;
const HEIGHT = 432;
const EDGE = 12;
const INNER = WIDTH - 2 * EDGE;

function lines(a: CarrierAddress): string[] {
  const name = [a.name, a.company].filter((v): v is string => typeof v === 'string' && v.trim() !== '').join(', ');
  return addressLines({ name: name || null, line1: a.line1 ?? '', line2: a.line2, city: a.city, region: a.region, postal_code: a.postal_code, country: a.country });
}

/** Draws a drawing stretched to a box: bars are vertical strokes, so stretching keeps them true. */
function drawBars(doc: PDFKit.PDFDocument, drawing: VectorDrawing, x: number, y: number, width: number, height: number): void {
  doc.save().translate(x, y).scale(width / drawing.width, height / drawing.height);
  for (const p of drawing.paths) {
    if ('stroke' in p) doc.path(p.d).lineWidth(p.strokeWidth).stroke(p.stroke);
    else doc.path(p.d).fill(p.fill);
  }
  doc.restore();
}

function rule(doc: PDFKit.PDFDocument, y: number, width = 1): void {
  doc.moveTo(EDGE, y).lineTo(WIDTH - EDGE, y).lineWidth(width).stroke('black');
}

function check(input: SimLabelInput): void {
  // Code 128 encodes ASCII; sim tracking numbers are ours, so anything else is a bug to surface.
  if (!/^[\x20-\x7e]{1,40}$/.test(input.trackingNumber)) throw new RangeError(`sim label: tracking number ${JSON.stringify(input.trackingNumber)} cannot be a Code 128 barcode`);
  if (!Number.isInteger(input.packageCount) || input.packageCount < 1 || !Number.isInteger(input.packageIndex) || input.packageIndex < 1 || input.packageIndex > input.packageCount) {
    throw new RangeError(`sim label: package ${input.packageIndex} of ${input.packageCount} is not a package of the shipment`);
  }
}

export async function renderSimLabel(input: SimLabelInput, options: DocumentOptions = {}): Promise<Buffer> {
  check(input);
  const date = typeof input.date === 'string' ? recordDate(input.date, 'sim label date') : input.date;
  if (Number.isNaN(date.getTime())) throw new RangeError('sim label: the date is not a valid date');
  const barcode = parseBarcodeSvg(bwipjs.toSVG({ bcid: 'code128', text: input.trackingNumber, scale: 1, height: 20, includetext: false }));
  const doc = new PDFDocument({
    size: [WIDTH, HEIGHT],
    // No bottom margin: every block below has a fixed height, and text reaching a margin would
    // start a second page.
    margins: { top: EDGE, left: EDGE, right: EDGE, bottom: 0 },
    compress: options.compress ?? true,
    info: { Title: pdfText(`Waybill Sim label ${input.trackingNumber}`), CreationDate: date, ModDate: date, Producer: 'Waybill', Creator: 'Waybill' },
  });
  const box = (text: string, y: number, height: number, extra: PDFKit.Mixins.TextOptions = {}) =>
    doc.text(text, EDGE, y, { width: INNER, height, ellipsis: true, ...extra });

  doc.fillColor('black');
  doc.font('Helvetica-Bold').fontSize(16);
  box('WAYBILL SIM', EDGE, 20, { lineBreak: false });
  doc.font('Helvetica').fontSize(8);
  box(utcDate(date), EDGE, 10, { align: 'right', lineBreak: false });
  doc.font('Helvetica-Bold');
  box(`PKG ${input.packageIndex} OF ${input.packageCount}`, EDGE + 11, 10, { align: 'right', lineBreak: false });
  rule(doc, 36, 2);

  doc.font('Helvetica-Bold').fontSize(7);
  box('FROM', 41, 9, { lineBreak: false });
  doc.font('Helvetica').fontSize(8);
  box(lines(input.from).join('\n'), 50, 50);
  rule(doc, 104);

  doc.font('Helvetica-Bold').fontSize(8);
  box('SHIP TO', 109, 10, { lineBreak: false });
  doc.fontSize(12);
  box(lines(input.to).join('\n'), 120, 84);
  rule(doc, 208, 2);

  // The service in white on black, as large as fits the width.
  const service = pdfText(input.serviceName.toUpperCase());
  doc.rect(EDGE, 214, INNER, 40).fill('black');
  doc.font('Helvetica-Bold').fontSize(26);
  const size = Math.min(26, (26 * (INNER - 12)) / Math.max(1, doc.widthOfString(service)));
  doc.fontSize(size).fillColor('white');
  box(service, 234 - size * 0.36, 40, { align: 'center', lineBreak: false });
  doc.fillColor('black');

  doc.font('Helvetica').fontSize(9);
  box(`WEIGHT ${formatWeight(input.weightGrams)}`, 262, 11, { lineBreak: false });
  box(`PACKAGE ${input.packageIndex} of ${input.packageCount}`, 262, 11, { align: 'right', lineBreak: false });
  box(`REF ${pdfText(input.reference)}`, 275, 11, { lineBreak: false });
  rule(doc, 292);

  doc.font('Helvetica-Bold').fontSize(7);
  box('TRACKING NUMBER', 298, 9, { lineBreak: false });
  drawBars(doc, barcode, EDGE, 310, INNER, 70);
  doc.font('Helvetica-Bold').fontSize(13);
  box(input.trackingNumber, 386, 16, { align: 'center', lineBreak: false });

  doc.font('Helvetica').fontSize(6);
  box('SIMULATED SHIPMENT - WAYBILL SIM IS NOT A REAL CARRIER', 414, 8, { align: 'center', lineBreak: false });
  return toBuffer(doc);
}
