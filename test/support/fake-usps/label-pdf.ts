/** A real 4×6 in PDF for each fake label (pdfkit), so tests see the bytes a printer would get. */
import PDFDocument from 'pdfkit';

export function labelPdf(trackingNumber: string, mailClass: string, reference: string | null): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [288, 432], margin: 18, info: { Title: `USPS ${trackingNumber}`, CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(mailClass.replace(/_/g, ' '));
    doc.moveDown().fontSize(10).text('USPS TRACKING #');
    doc.fontSize(14).text(trackingNumber.replace(/(\d{4})(?=\d)/g, '$1 '));
    if (reference) doc.moveDown().fontSize(9).text(`Ref: ${reference}`);
    doc.end();
  });
}
