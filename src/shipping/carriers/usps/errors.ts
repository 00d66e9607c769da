/**
 * USPS's error bodies → a code and a message. Pure. USPS APIs 3.0 answer errors as
 * `{ apiVersion, error: { code, message, errors: [{ status, code, title, detail, source }] } }`
 * (the `ErrorMessage` schema of every 3.0 OpenAPI file); the OAuth endpoint answers
 * `{ error, error_description }`; a gateway may answer plain text.
 */
import type { CarrierResponse } from '../carrier-http.js';

export interface UspsProblem {
  code: string;
  message: string;
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * The most specific code and message the body gives: the first item of `error.errors` (its
 * subordinate code and detail) before the top-level `error.code` / `error.message`.
 */
export function readUspsError(response: Pick<CarrierResponse, 'status' | 'body' | 'text'>): UspsProblem {
  const body = response.body;
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b.error === 'object' && b.error !== null) {
      const error = b.error as Record<string, unknown>;
      const items = Array.isArray(error.errors) ? (error.errors as unknown[]) : [];
      const first = (items.find((i) => typeof i === 'object' && i !== null) ?? {}) as Record<string, unknown>;
      const details = items
        .map((i) => (typeof i === 'object' && i !== null ? (text((i as Record<string, unknown>).detail) ?? text((i as Record<string, unknown>).title)) : null))
        .filter((d): d is string => d !== null);
      return {
        code: text(first.code) ?? text(error.code) ?? String(response.status),
        message: details.length > 0 ? details.join('; ') : (text(error.message) ?? `HTTP ${response.status}`),
      };
    }
    const oauthCode = text(b.error);
    if (oauthCode !== null) return { code: oauthCode, message: text(b.error_description) ?? oauthCode };
  }
  const raw = response.text.trim();
  return { code: String(response.status), message: raw === '' ? `HTTP ${response.status}` : raw.slice(0, 300) };
}
