/**
 * Shared pieces of the documents. pdfkit's standard fonts (Helvetica) encode WinAnsi only, so text
 * is reduced to Latin-1 and anything else becomes "?" rather than garbage or a crash; embedding a
 * Unicode font would mean shipping one. Documents carry the record's own date as their
 * creation date, so that the same record renders the same document.
 */
import PDFDocument from 'pdfkit';

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const OUTSIDE_LATIN1 = /[^\u0020-\u00ff\n\t]/gu;

export function latin1(text: string): string {
  return text.normalize('NFC').replace(CONTROL, ' ').replace(OUTSIDE_LATIN1, '?');
}

export function newDocument(createdAt: Date, title: string): PDFKit.PDFDocument {
  return new PDFDocument({ size: 'A4', margin: 50, info: { Title: latin1(title), CreationDate: createdAt, ModDate: createdAt, Producer: 'Waybill', Creator: 'Waybill' } });
}

export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
