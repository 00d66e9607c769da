/**
 * The text a pdfkit document draws, for assertions: one entry per drawn line. pdfkit writes text as
 * hex strings in TJ arrays inside content streams, deflated unless the document was made with
 * `compress: false`; both are read here, so a document can be checked as it was sent (an email's
 * attachment), not only as a test renders it.
 */
import { inflateSync } from 'node:zlib';

/** Windows-1252's 0x80–0x9F, which Latin-1 leaves to control characters (0x81, 0x8D, 0x8F, 0x90, 0x9D unused). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function contentStreams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    if (raw.slice(Math.max(0, match.index - 3), match.index) === 'end') continue;
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = Buffer.from(raw.slice(start, end), 'latin1');
    try {
      streams.push(inflateSync(bytes).toString('latin1'));
    } catch {
      // Not deflated (compress: false), or not a content stream at all (an image): read as it is.
      streams.push(bytes.toString('latin1'));
    }
  }
  return streams;
}

export function pdfTextLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const stream of contentStreams(pdf)) {
    for (const [, array] of stream.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...array!.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('');
      lines.push([...Buffer.from(hex, 'hex')].map((byte) => (byte >= 0x80 && byte <= 0x9f ? CP1252[byte - 0x80] : String.fromCharCode(byte))).join(''));
    }
  }
  return lines;
}
