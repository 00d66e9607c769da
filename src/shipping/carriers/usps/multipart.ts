/**
 * Reading the multipart answer of POST /labels/v3/label. Pure.
 *
 * USPS documents (Labels 3.0 OpenAPI, post-label): the default answer has several parts: the
 * first, `labelMetadata`, is JSON; the next, `labelImage` (then `receiptImage` and so on), is
 * the image, ALWAYS Base64 text whatever its Content-Encoding / Content-Transfer-Encoding headers
 * say ("ignore" them, says USPS). Parts are named by `Content-Disposition: form-data; name=…`.
 */

export interface MultipartPart {
  name: string | null;
  filename: string | null;
  contentType: string | null;
  body: string;
}

/** The boundary of a `multipart/*; boundary=…` content type, or the one the body opens with. */
export function findBoundary(contentType: string | null, body: string): string | null {
  const declared = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  if (declared) return declared[1]!.trim();
  const opening = /^\s*--([^\r\n]+)\r?\n/.exec(body);
  return opening ? opening[1]!.trim() : null;
}

function headerValue(headers: string[], name: string): string | null {
  const prefix = `${name.toLowerCase()}:`;
  const line = headers.find((h) => h.toLowerCase().startsWith(prefix));
  return line === undefined ? null : line.slice(prefix.length).trim();
}

export function parseMultipart(body: string, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  for (const [i, chunk] of body.split(`--${boundary}`).entries()) {
    // Before the first boundary is preamble; after the closing `--boundary--` is the epilogue.
    if (i === 0 || chunk.startsWith('--') || chunk.trim() === '') continue;
    const content = chunk.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(content);
    const head = split ? content.slice(0, split.index) : content;
    const rest = split ? content.slice(split.index + split[0].length) : '';
    const headers = head.split(/\r?\n/);
    const disposition = headerValue(headers, 'content-disposition') ?? '';
    parts.push({
      name: /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      filename: /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: headerValue(headers, 'content-type')?.split(';')[0]!.trim().toLowerCase() ?? null,
      body: rest.replace(/\r?\n$/, ''),
    });
  }
  return parts;
}
