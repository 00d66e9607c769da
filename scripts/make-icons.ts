/**
 * Draws the portal's app icons (web/public/icons/*.png and favicon.svg): a white parcel on the
 * portal's blue, as plain PNGs written with node:zlib, so no image tool or download is needed.
 * Run `npx tsx scripts/make-icons.ts` after changing the drawing; the files are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BLUE = [9, 105, 218] as const;
const WHITE = [255, 255, 255] as const;

type Rgb = readonly [number, number, number];

/** The drawing on a 0..1 square: the colour at (x, y), or null outside the icon (transparent). */
function paint(x: number, y: number, rounded: boolean): Rgb | null {
  if (rounded) {
    const r = 0.18;
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  }
  const inBox = x >= 0.29 && x <= 0.71 && y >= 0.4 && y <= 0.74;
  const inLid = x >= 0.26 && x <= 0.74 && y >= 0.3 && y <= 0.38;
  const inTape = x >= 0.465 && x <= 0.535 && y >= 0.3 && y <= 0.56;
  if ((inBox || inLid) && !inTape) return WHITE;
  return BLUE;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG of the drawing, 4×4 samples a pixel for smooth edges. */
export function iconPng(size: number, rounded: boolean): Buffer {
  const rows: Buffer[] = [];
  const samples = 4;
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, rounded);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = 1 + px * 4;
      if (a > 0) {
        row[o] = Math.round(r / a);
        row[o + 1] = Math.round(g / a);
        row[o + 2] = Math.round(b / a);
      }
      row[o + 3] = Math.round((255 * a) / (samples * samples));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="18" fill="#0969da"/>
  <path fill="#fff" d="M26 30h20.5v8H26zM53.5 30H74v8H53.5zM29 40h17.5v16h7V40H71v34H29z"/>
</svg>
`;

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const publicDir = fileURLToPath(new URL('../web/public/', import.meta.url));
  mkdirSync(join(publicDir, 'icons'), { recursive: true });
  writeFileSync(join(publicDir, 'icons', 'icon-192.png'), iconPng(192, true));
  writeFileSync(join(publicDir, 'icons', 'icon-512.png'), iconPng(512, true));
  writeFileSync(join(publicDir, 'icons', 'icon-maskable-512.png'), iconPng(512, false));
  writeFileSync(join(publicDir, 'favicon.svg'), SVG);
  process.stdout.write(`icons written to ${publicDir}\n`);
}
