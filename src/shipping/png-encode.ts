/**
 * A minimal PNG encoder: 8-bit RGBA pixels → PNG bytes (truecolour, with alpha only when a pixel is
 * not opaque), every scanline unfiltered (filter byte 0) and deflated with node:zlib. Enough for
 * pdf-lib to embed a decoded carrier label; the same pixels always give the same bytes. Pure.
 */
import { deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// CRC-32 (ISO 3309, polynomial 0xEDB88320, reflected), as PNG chunks need it: Node 20 has no zlib.crc32.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * `rgba` holds width × height pixels, four bytes each (red, green, blue, alpha), row by row from
 * the top. Opaque images are written without the alpha channel (colour type 2), others with it (6).
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new RangeError(`a PNG cannot be ${width}×${height} pixels`);
  }
  if (rgba.length !== width * height * 4) throw new RangeError(`${width}×${height} RGBA pixels are ${width * height * 4} bytes, not ${rgba.length}`);
  let opaque = true;
  for (let i = 3; i < rgba.length; i += 4) {
    if (rgba[i] !== 255) {
      opaque = false;
      break;
    }
  }
  const channels = opaque ? 3 : 4;
  const stride = width * channels + 1;
  const raw = Buffer.alloc(stride * height); // each row's filter byte stays 0 (None)
  for (let y = 0; y < height; y++) {
    const row = y * stride + 1;
    if (opaque) {
      for (let x = 0; x < width; x++) {
        const from = (y * width + x) * 4;
        const to = row + x * 3;
        raw[to] = rgba[from]!;
        raw[to + 1] = rgba[from + 1]!;
        raw[to + 2] = rgba[from + 2]!;
      }
    } else {
      raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), row);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = opaque ? 2 : 6; // truecolour, without or with alpha
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering (every row here uses filter 0)
  header[12] = 0; // not interlaced
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
