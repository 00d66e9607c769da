import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from './png-encode.js';

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

function chunksOf(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    chunks.push({ type: typeAndData.subarray(0, 4).toString('latin1'), data: typeAndData.subarray(4), crcOk: crc32(typeAndData) === png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

function pixels(width: number, height: number, alpha: (x: number, y: number) => number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgba.set([x * 40, y * 50, (x + y) * 20, alpha(x, y)], (y * width + x) * 4);
  }
  return rgba;
}

describe('crc32', () => {
  it('is the CRC-32 PNG and zlib use', () => {
    expect(crc32(Buffer.from('123456789', 'latin1'))).toBe(0xcbf43926); // the standard check value
    expect(crc32(Buffer.alloc(0))).toBe(0);
    expect(crc32(Buffer.from('IEND', 'latin1'))).toBe(0xae426082); // every PNG ends with these bytes
    expect(crc32(Buffer.from('6789'), crc32(Buffer.from('12345')))).toBe(0xcbf43926); // continues a running CRC
  });
});

describe('encodePng', () => {
  it('writes an opaque image as 8-bit RGB with unfiltered, deflated scanlines', () => {
    const png = encodePng(3, 2, pixels(3, 2, () => 255));
    const chunks = chunksOf(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks[0]!.data).toEqual(Buffer.from([0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0]));
    const raw = inflateSync(chunks[1]!.data);
    expect([...raw]).toEqual([0, 0, 0, 0, 40, 0, 20, 80, 0, 40, 0, 0, 50, 20, 40, 50, 40, 80, 50, 60]);
  });

  it('keeps the alpha channel when a pixel is not opaque', () => {
    const png = encodePng(2, 2, pixels(2, 2, (x, y) => (x === 1 && y === 1 ? 0 : 255)));
    const chunks = chunksOf(png);
    expect(chunks[0]!.data[9]).toBe(6);
    expect([...inflateSync(chunks[1]!.data)]).toEqual([0, 0, 0, 0, 255, 40, 0, 20, 255, 0, 0, 50, 20, 255, 40, 50, 40, 0]);
  });

  it('gives the same bytes for the same pixels, and PNGs pdf-lib embeds', async () => {
    const rgba = pixels(5, 7, (x) => (x === 0 ? 128 : 255));
    expect(encodePng(5, 7, rgba).equals(encodePng(5, 7, rgba))).toBe(true);
    const doc = await PDFDocument.create();
    const withAlpha = await doc.embedPng(encodePng(5, 7, rgba));
    const opaque = await doc.embedPng(encodePng(7, 5, pixels(7, 5, () => 255)));
    expect([withAlpha.width, withAlpha.height, opaque.width, opaque.height]).toEqual([5, 7, 7, 5]);
  });

  it('refuses sizes and buffers that do not match', () => {
    expect(() => encodePng(0, 1, new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodePng(1.5, 2, new Uint8Array(12))).toThrow(RangeError);
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
  });
});
