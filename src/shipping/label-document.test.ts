import PDFKit from 'pdfkit';
import { GifWriter } from 'omggif';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { labelGif } from '../../test/support/fake-ups/gif.js';
import type { LabelDocument } from './carriers/carrier.js';
import { combineLabels, gifToPng } from './label-document.js';
import { encodePng } from './png-encode.js';

/** A landscape GIF like UPS's real 6×4 labels: black and white stripes, `width` × `height` pixels. */
function stripedGif(width: number, height: number, transparent = false): Buffer {
  const buffer = Buffer.alloc(1024 + width * height * 2);
  const writer = new GifWriter(buffer, width, height, { palette: [0x000000, 0xffffff] });
  const indexed = Array.from({ length: width * height }, (_, i) => (i % width) % 2);
  writer.addFrame(0, 0, width, height, indexed, transparent ? { transparent: 0 } : {});
  return Buffer.from(buffer.subarray(0, writer.end()));
}

function png(width: number, height: number): Buffer {
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let i = 0; i < width * height; i += 3) rgba.fill(0, i * 4, i * 4 + 3);
  return encodePng(width, height, rgba);
}

async function pdf(pages: number): Promise<Buffer> {
  const doc = new PDFKit({ size: [288, 432], autoFirstPage: false, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let i = 0; i < pages; i++) doc.addPage().fontSize(20).text(`carrier page ${i + 1}`, 20, 20);
  doc.end();
  return done;
}

const gif = (data: Buffer): LabelDocument => ({ contentType: 'image/gif', data });

/** The page's drawing operators, decompressed. */
function contentOf(doc: PDFDocument, page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  return streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');
}

/** Width × height of each image the page uses. */
function imagesOf(doc: PDFDocument, page: PDFPage): string[] {
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return [];
  return xobjects.values().map((ref) => {
    const dict = (doc.context.lookup(ref) as PDFRawStream).dict;
    return `${dict.lookup(PDFName.of('Width'), PDFNumber).asNumber()}x${dict.lookup(PDFName.of('Height'), PDFNumber).asNumber()}`;
  });
}

describe('gifToPng', () => {
  it('decodes the fake UPS GIF and writes its pixels as PNG', async () => {
    const out = gifToPng(labelGif('1Z999AA10123456784'));
    expect(out.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(out.readUInt32BE(16)).toBe(4);
    expect(out.readUInt32BE(20)).toBe(6);
    const image = await (await PDFDocument.create()).embedPng(out);
    expect([image.width, image.height]).toEqual([4, 6]);
  });

  it('keeps transparency, and refuses bytes that are not a GIF', () => {
    expect(gifToPng(stripedGif(6, 4, true))[25]).toBe(6); // RGBA colour type
    expect(gifToPng(stripedGif(6, 4))[25]).toBe(2); // opaque: RGB
    expect(() => gifToPng(Buffer.from('GIF89a not really'))).toThrow(/GIF label/);
  });
});

describe('combineLabels', () => {
  it('turns a single UPS GIF into a one-page PDF', async () => {
    const out = await combineLabels([gif(labelGif('1Z999AA10123456784'))]);
    expect(out.contentType).toBe('application/pdf');
    expect(out.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(out.data);
    expect(doc.getPageCount()).toBe(1);
    expect(imagesOf(doc, doc.getPage(0))).toEqual(['4x6']);
  });

  it('combines GIF, PNG and PDF labels into one PDF, a page per package and every page of a PDF', async () => {
    const labels: LabelDocument[] = [
      gif(labelGif('1Z999AA10123456784')),
      gif(labelGif('1Z999AA10123456795')),
      { contentType: 'image/png', data: png(8, 12) },
      { contentType: 'application/pdf', data: await pdf(2) },
      gif(stripedGif(60, 40)),
    ];
    const out = await combineLabels(labels);
    expect(out.contentType).toBe('application/pdf');
    const doc = await PDFDocument.load(out.data);
    expect(doc.getPageCount()).toBe(6);
    for (const page of doc.getPages()) expect([page.getWidth(), page.getHeight()]).toEqual([288, 432]);
    expect(doc.getPages().map((p) => imagesOf(doc, p))).toEqual([['4x6'], ['4x6'], ['8x12'], [], [], ['60x40']]);
    expect(contentOf(doc, doc.getPage(3))).toContain('BT'); // the carrier's text page, copied
  });

  it('turns landscape images a quarter to fill the portrait page, and leaves portrait ones upright', async () => {
    const doc = await PDFDocument.load((await combineLabels([gif(stripedGif(60, 40)), { contentType: 'image/png', data: png(12, 8) }, gif(labelGif('1'))])).data);
    const rotation = /(\S+) 1 -1 \1 0 0 cm/; // cos 90° sin 90° -sin 90° cos 90°
    const [landscapeGif, landscapePng, portrait] = doc.getPages().map((p) => contentOf(doc, p));
    // 60×40 scaled to 432×288 points, turned, so it covers the whole 288×432 page.
    expect(landscapeGif).toMatch(rotation);
    expect(landscapeGif).toMatch(/^1 0 0 1 288 0 cm\n.+ cm\n432 0 0 288 0 0 cm$/m); // moved to the right edge, turned, scaled
    expect(landscapePng).toMatch(rotation);
    expect(portrait).not.toMatch(rotation);
    expect(portrait).toMatch(/^1 0 0 1 0 0 cm\n288 0 0 432 0 0 cm$/m);
  });

  it('gives the same bytes for the same labels', async () => {
    const labels = async (): Promise<LabelDocument[]> => [gif(labelGif('A')), { contentType: 'image/png', data: png(6, 4) }, { contentType: 'application/pdf', data: await pdf(1) }];
    const first = await combineLabels(await labels());
    const second = await combineLabels(await labels());
    expect(first.data.equals(second.data)).toBe(true);
    expect((await combineLabels([gif(labelGif('A'))])).data.equals((await combineLabels([gif(labelGif('B'))])).data)).toBe(true); // the comment is not drawn
  });

  it('reads what the bytes are when the declared type is wrong', async () => {
    const out = await combineLabels([{ contentType: 'image/png', data: labelGif('mislabelled') }, { contentType: 'application/octet-stream', data: png(4, 6) }]);
    expect((await PDFDocument.load(out.data)).getPageCount()).toBe(2);
  });

  it('keeps a single thermal label as it came, and refuses to mix one with other labels', async () => {
    const zpl: LabelDocument = { contentType: 'application/zpl', data: Buffer.from('^XA^FO50,50^FD1Z999^FS^XZ') };
    expect(await combineLabels([zpl])).toBe(zpl);
    await expect(combineLabels([zpl, gif(labelGif('1'))])).rejects.toThrow(/cannot combine 2 labels \(application\/zpl, image\/gif\).*thermal-printer labels \(application\/zpl\)/);
    await expect(combineLabels([zpl, zpl])).rejects.toThrow(/thermal-printer/);
    await expect(combineLabels([{ contentType: 'application/octet-stream', data: Buffer.from('?') }, gif(labelGif('1'))])).rejects.toThrow(/application\/octet-stream cannot be put into a PDF/);
    await expect(combineLabels([])).rejects.toThrow(/at least one label/);
  });
});
