/**
 * One printable PDF per shipment from the labels carriers return per package: PDFs are merged page
 * by page, PNG, JPEG and GIF images (UPS sends GIF) are placed one per 4×6 inch page. pdf-lib
 * embeds PNG and JPEG only, so a GIF is decoded (omggif) and written again as PNG first. A label
 * for a thermal printer (ZPL, EPL, SPL), or of a type we cannot draw, is kept as it came when it is
 * the shipment's only label; with other labels it cannot be combined. pdf-lib is used because
 * pdfkit can neither import a PDF page nor merge documents.
 */
import { GifReader } from 'omggif';
import { degrees, PDFDocument, type PDFImage } from 'pdf-lib';
import type { LabelDocument } from './carriers/carrier.js';
import { encodePng } from './png-encode.js';

const PAGE = { width: 288, height: 432 };
/** Far more than a 4×6 label at 600 dpi (8.6 million): a bound on what one GIF may allocate. */
const MAX_GIF_PIXELS = 40_000_000;

type Drawable = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/gif';

const THERMAL = new Set(['application/zpl', 'application/epl', 'application/spl']);

/** What the bytes are, when they are something we can put into a PDF; else what the carrier said, if that is. */
function drawableType(label: LabelDocument): Drawable | null {
  const data = label.data;
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (/^GIF8[79]a$/.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  const declared = label.contentType.toLowerCase().split(';')[0]!.trim();
  if (declared === 'image/jpg') return 'image/jpeg';
  return declared === 'application/pdf' || declared === 'image/png' || declared === 'image/jpeg' || declared === 'image/gif' ? declared : null;
}

/** The first frame of a GIF as PNG bytes (transparent pixels stay transparent). */
export function gifToPng(gif: Buffer): Buffer {
  let reader: GifReader;
  try {
    reader = new GifReader(gif);
  } catch (error) {
    throw new Error(`the GIF label cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const { width, height } = reader;
  if (reader.numFrames() < 1) throw new Error('the GIF label has no image');
  if (width < 1 || height < 1 || width * height > MAX_GIF_PIXELS) throw new Error(`the GIF label is ${width}×${height} pixels, not a label`);
  const rgba = new Uint8Array(width * height * 4);
  try {
    reader.decodeAndBlitFrameRGBA(0, rgba);
  } catch (error) {
    throw new Error(`the GIF label cannot be read: ${(error as Error).message}`, { cause: error });
  }
  return encodePng(width, height, rgba);
}

function drawOnPage(out: PDFDocument, image: PDFImage): void {
  const page = out.addPage([PAGE.width, PAGE.height]);
  // Carriers' images are often landscape 6×4: turn them a quarter to fit the portrait page.
  const landscape = image.width > image.height;
  const scale = landscape ? Math.min(PAGE.height / image.width, PAGE.width / image.height) : Math.min(PAGE.width / image.width, PAGE.height / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  if (landscape) page.drawImage(image, { x: (PAGE.width + h) / 2, y: (PAGE.height - w) / 2, width: w, height: h, rotate: degrees(90) });
  else page.drawImage(image, { x: (PAGE.width - w) / 2, y: (PAGE.height - h) / 2, width: w, height: h });
}

/**
 * The labels of a shipment's packages, in order, as one document: a PDF with a page per package
 * (every page of a carrier's PDF), or the single thermal label as it came. Throws when a thermal
 * label or one of a type that cannot be drawn comes with other labels, or a label cannot be read.
 */
export async function combineLabels(labels: readonly LabelDocument[]): Promise<LabelDocument> {
  if (labels.length === 0) throw new Error('a shipment needs at least one label to combine');
  const types = labels.map(drawableType);
  if (labels.length === 1 && types[0] === null) return labels[0]!;
  const undrawable = labels.filter((_, i) => types[i] === null).map((l) => l.contentType);
  if (undrawable.length > 0) {
    const thermal = undrawable.filter((t) => THERMAL.has(t.toLowerCase()));
    const what = thermal.length > 0 ? `thermal-printer labels (${[...new Set(thermal)].join(', ')}) are kept only as a shipment's single label` : `labels of type ${[...new Set(undrawable)].join(', ')} cannot be put into a PDF`;
    throw new Error(`cannot combine ${labels.length} labels (${labels.map((l) => l.contentType).join(', ')}) into one document: ${what}`);
  }
  const out = await PDFDocument.create();
  for (const [i, label] of labels.entries()) {
    const type = types[i]!;
    if (type === 'application/pdf') {
      const source = await PDFDocument.load(label.data);
      for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
    } else if (type === 'image/jpeg') {
      drawOnPage(out, await out.embedJpg(label.data));
    } else {
      drawOnPage(out, await out.embedPng(type === 'image/gif' ? gifToPng(label.data) : label.data));
    }
  }
  // Fixed dates keep the bytes the same for the same labels.
  out.setCreationDate(new Date(0));
  out.setModificationDate(new Date(0));
  return { contentType: 'application/pdf', data: Buffer.from(await out.save()) };
}
