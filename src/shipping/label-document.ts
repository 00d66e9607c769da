/**
 * One printable PDF per shipment from the labels carriers return per package: PDFs are merged page
 * by page, PNG and JPEG images are placed on 4×6 inch pages; anything else (ZPL for thermal
 * printers, GIF) is kept as it came when the shipment has that single label. pdf-lib is used because
 * pdfkit can neither import a PDF page nor merge documents.
 */
import { degrees, PDFDocument } from 'pdf-lib';
import type { LabelDocument } from './carriers/carrier.js';

const PAGE = { width: 288, height: 432 };

export async function combineLabels(labels: readonly LabelDocument[]): Promise<LabelDocument> {
  if (labels.length === 1 && labels[0]!.contentType !== 'image/png' && labels[0]!.contentType !== 'image/jpeg') return labels[0]!;
  const out = await PDFDocument.create();
  for (const label of labels) {
    if (label.contentType === 'application/pdf') {
      const source = await PDFDocument.load(label.data);
      for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
    } else if (label.contentType === 'image/png' || label.contentType === 'image/jpeg') {
      const image = label.contentType === 'image/png' ? await out.embedPng(label.data) : await out.embedJpg(label.data);
      const page = out.addPage([PAGE.width, PAGE.height]);
      // Carriers' images are often landscape 6×4: turn them to fit the portrait page.
      const landscape = image.width > image.height;
      const scale = landscape ? Math.min(PAGE.height / image.width, PAGE.width / image.height) : Math.min(PAGE.width / image.width, PAGE.height / image.height);
      const w = image.width * scale;
      const h = image.height * scale;
      if (landscape) page.drawImage(image, { x: (PAGE.width + h) / 2, y: (PAGE.height - w) / 2, width: w, height: h, rotate: degrees(90) });
      else page.drawImage(image, { x: (PAGE.width - w) / 2, y: (PAGE.height - h) / 2, width: w, height: h });
    } else {
      throw new Error(`labels of type ${label.contentType} cannot be combined with others into one PDF`);
    }
  }
  // Fixed dates keep the bytes the same for the same labels.
  out.setCreationDate(new Date(0));
  out.setModificationDate(new Date(0));
  return { contentType: 'application/pdf', data: Buffer.from(await out.save()) };
}
