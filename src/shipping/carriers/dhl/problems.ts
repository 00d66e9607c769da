/**
 * DHL's error bodies → `{code, message}`. Pure.
 *
 * Both APIs answer with RFC 7807-style problem JSON. MyDHL Express:
 *   `{instance, detail: "410138: Requested product(s) not available at payer", title, message,
 *     status: "400", additionalDetails?: ["1001: …", …]}`
 * where DHL's own error code is the number before the colon (in `detail`, or in the first of
 * `additionalDetails` when `detail` says "Multiple problems found"). Unified Tracking:
 *   `{type?, title: "No result found", status: 404, detail: "No shipment with given tracking number found."}`.
 */

export interface DhlProblem {
  code: string;
  message: string;
}

const CODED = /^\s*([0-9]{3,})\s*:\s*(.*)$/s;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function readProblem(body: unknown, httpStatus: number): DhlProblem {
  const b = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const detail = text(b.detail);
  const additional = Array.isArray(b.additionalDetails) ? b.additionalDetails.map(text).filter((d): d is string => d !== null) : [];
  const coded = [detail, ...additional].map((d) => (d === null ? null : CODED.exec(d))).find((m) => m !== null && m !== undefined);
  const code = coded?.[1] ?? text(b.title) ?? text(b.message) ?? `http_${httpStatus}`;
  const parts = [detail, ...additional].filter((d): d is string => d !== null);
  const message = parts.length > 0 ? parts.join('; ') : (text(b.title) ?? text(b.message) ?? (typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : `HTTP ${httpStatus}`));
  return { code, message };
}
