/**
 * What the fake FedEx hands out besides JSON: label PDFs (small but real: a reader opens them) and
 * signed Advanced Integrated Visibility pushes.
 */
import { createHmac, randomUUID } from 'node:crypto';

/** A one-page 4×6 PDF that prints the tracking number, with a correct cross-reference table. */
export function labelPdf(trackingNumber: string): Buffer {
  const text = `FedEx ${trackingNumber}`.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 36 360 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export interface SignedPush {
  body: Buffer;
  headers: Record<string, string>;
}

/** A push as FedEx sends it: the Track API's shape, `fdx-signature` = base64 HMAC-SHA256 of the bytes. */
export function signedPush(payload: unknown, securityToken: string): SignedPush {
  const body = Buffer.from(JSON.stringify(payload));
  return { body, headers: { 'content-type': 'application/json', 'fdx-signature': createHmac('sha256', securityToken).update(body).digest('base64') } };
}

export function pushPayload(trackResults: ReadonlyArray<{ trackingNumber: string; trackResult: Record<string, unknown> }>, at: Date): Record<string, unknown> {
  return {
    transactionId: randomUUID(),
    outputMetaData: [{ timestamp: at.toISOString(), attempt: 1 }],
    output: {
      completeTrackResults: trackResults.map(({ trackingNumber, trackResult }) => ({
        trackingNumber,
        trackResults: [{ trackingNumberInfo: { trackingNumber, carrierCode: 'FDXE' }, ...trackResult }],
      })),
    },
  };
}
