/**
 * Real GIF89a bytes for fake UPS labels: a 4×6-ratio single-colour image whose comment extension
 * carries the tracking number, so that each package's label is a distinct, valid GIF.
 */

function subBlocks(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += 255) {
    const chunk = data.subarray(i, i + 255);
    parts.push(Buffer.from([chunk.length]), chunk);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

export function labelGif(text: string): Buffer {
  const width = 4;
  const height = 6;
  const header = Buffer.from('GIF89a', 'latin1');
  // Logical screen: width, height (little endian), global colour table of 2 entries, black and white.
  const screen = Buffer.from([width, 0, height, 0, 0x80, 0, 0]);
  const palette = Buffer.from([0, 0, 0, 255, 255, 255]);
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe]), subBlocks(Buffer.from(text, 'latin1'))]);
  const descriptor = Buffer.from([0x2c, 0, 0, 0, 0, width, 0, height, 0, 0]);
  // LZW with minimum code size 2: clear (4), 24 pixels of colour 1 written as codes, end (5).
  // Codes stay 3 bits wide: 24 × "1" would grow the table, so each pixel is sent after a clear.
  const codes: number[] = [];
  for (let i = 0; i < width * height; i++) codes.push(4, 1);
  codes.push(5);
  let bits = 0;
  let count = 0;
  const bytes: number[] = [];
  for (const code of codes) {
    bits |= code << count;
    count += 3;
    while (count >= 8) {
      bytes.push(bits & 0xff);
      bits >>= 8;
      count -= 8;
    }
  }
  if (count > 0) bytes.push(bits & 0xff);
  const image = Buffer.concat([Buffer.from([2]), subBlocks(Buffer.from(bytes))]);
  return Buffer.concat([header, screen, palette, comment, descriptor, image, Buffer.from([0x3b])]);
}

/** The text a labelGif carries, or null. */
export function gifComment(gif: Buffer): string | null {
  const at = gif.indexOf(Buffer.from([0x21, 0xfe]));
  if (at < 0) return null;
  const parts: Buffer[] = [];
  let i = at + 2;
  while (i < gif.length && gif[i] !== 0) {
    const size = gif[i]!;
    parts.push(gif.subarray(i + 1, i + 1 + size));
    i += size + 1;
  }
  return Buffer.concat(parts).toString('latin1');
}
