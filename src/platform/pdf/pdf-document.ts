/**
 * Shared pieces of the PDF documents (invoice, packing slip, sim label, purchase order): no business rules.
 *
 * Text: pdfkit's standard fonts (Helvetica) encode WinAnsi (Windows-1252) only; anything else
 * would print as garbage glyphs. Embedding a Unicode font would mean shipping and subsetting one
 * (and CJK fonts are megabytes), so text is reduced to WinAnsi instead: accents that Latin-1 lacks
 * lose their mark (ő → o, ł → l), and what has no Latin form (山田, Иван, emoji) becomes "?", one per
 * character, so that a reader sees something was there. The stored data keeps the real text.
 *
 * Determinism: the same data must give the same bytes (a re-rendered invoice is the invoice). pdfkit
 * derives the file ID from the info dictionary and otherwise stamps the current time, so documents
 * carry their record's own date as CreationDate and nothing else varies. Content streams are
 * deflated by the process's zlib: identical on one build of Node, which is what "the same bytes"
 * can promise; pass `compress: false` for output independent of zlib (and searchable in tests).
 */
import PDFDocument from 'pdfkit';

/** Characters outside Latin-1 that WinAnsi has (pdfkit maps them to their 0x80–0x9F codes). */
const WIN_ANSI_EXTRA = new Set('ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜');
/** Letters that Unicode does not decompose but that have an obvious Latin base. */
const BASE_LETTER: Readonly<Record<string, string>> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L', '‐': '-', '‑': '-', '−': '-', '⁄': '/' };

function encodable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

function transliterate(ch: string): string {
  if (ch === '\u00ad') return ''; // a soft hyphen: a format character like those below, though Latin-1 has it
  if (encodable(ch)) return ch;
  if (/[\p{Zs}\p{Cc}\p{Zl}\p{Zp}]/u.test(ch)) return ' ';
  if (/\p{Cf}/u.test(ch)) return ''; // zero-width joiners, direction marks, soft hyphens
  const base = BASE_LETTER[ch] ?? [...ch.normalize('NFKD').replace(/\p{M}/gu, '')].map((c) => BASE_LETTER[c] ?? c).join('');
  return base !== '' && [...base].every(encodable) ? base : '?';
}

/** Text for one line of a document: WinAnsi only, line breaks and tabs become spaces. */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += transliterate(ch);
  return out;
}

/** Text that keeps its line breaks (a shop's address given on several lines). */
export function pdfLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(pdfText).filter((line) => line.trim() !== '');
}

export interface DocumentOptions {
  /** Deflate content streams (default true). False gives larger files whose text is plain to search. */
  compress?: boolean;
}

/** A record's ISO timestamp as a Date; throws rather than stamp "Invalid Date" into a document. */
export function recordDate(iso: string, what: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what} is not a valid timestamp: ${JSON.stringify(iso)}`);
  return date;
}

export const MARGIN = 50;

export function newDocument(createdAt: Date, title: string, options: DocumentOptions = {}): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    // Kept in memory until the end so that footers can say "page 2 of 5".
    bufferPages: true,
    info: { Title: pdfText(title), CreationDate: createdAt, ModDate: createdAt, Producer: 'Waybill', Creator: 'Waybill' },
  });
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

/** The lowest y that content may reach on the current page. */
export function bottomOf(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

export const contentWidth = (doc: PDFKit.PDFDocument): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;

export interface Cell {
  text: string;
  x: number;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** The height of a table row: its tallest cell, since long names wrap. */
export function rowHeight(doc: PDFKit.PDFDocument, cells: readonly Cell[]): number {
  return Math.max(...cells.map((c) => doc.heightOfString(c.text, { width: c.width, align: c.align ?? 'left' })));
}

/**
 * Draws a row at y and returns the y below it. The caller has checked that it fits the page:
 * pdfkit would otherwise break the page inside a cell and leave the other cells behind.
 */
export function drawRow(doc: PDFKit.PDFDocument, cells: readonly Cell[], y: number): number {
  const height = rowHeight(doc, cells);
  for (const c of cells) doc.text(c.text, c.x, y, { width: c.width, align: c.align ?? 'left' });
  doc.x = doc.page.margins.left;
  doc.y = y + height;
  return doc.y;
}

/** Writes a footer on every page; call once all pages exist. */
export function stampFooters(doc: PDFKit.PDFDocument, footer: (page: number, pages: number) => string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Below the bottom margin pdfkit would start a new page for the text; lift the margin meanwhile.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    doc.text(pdfText(footer(i - start + 1, count)), doc.page.margins.left, doc.page.height - bottom + 16, { width: contentWidth(doc), align: 'center', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

export interface PostalAddress {
  name?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postal_code?: string | null;
  country: string;
}

/** An address as printed lines: name, street, "city region postcode", country code. */
export function addressLines(a: PostalAddress): string[] {
  const cityLine = [a.city, [a.region, a.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.name, a.line1, a.line2, cityLine, a.country].filter((l): l is string => typeof l === 'string' && l.trim() !== '').map(pdfText);
}

/** Side-by-side blocks of a title and lines (seller / buyer, supplier / ship-to); the y below them. */
export function drawParties(doc: PDFKit.PDFDocument, y: number, blocks: ReadonlyArray<[string, string[]]>): number {
  const width = (contentWidth(doc) - 20) / blocks.length;
  let lowest = y;
  blocks.forEach(([title, lines], i) => {
    const x = MARGIN + i * (width + 20);
    doc.font('Helvetica-Bold').fontSize(10).text(title, x, y, { width });
    doc.font('Helvetica').fontSize(10);
    for (const line of lines) doc.text(line, x, doc.y, { width });
    lowest = Math.max(lowest, doc.y);
  });
  doc.x = MARGIN;
  return lowest + 20;
}
