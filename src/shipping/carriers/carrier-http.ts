/**
 * HTTP for carrier adapters: JSON (or form) over fetch with a timeout, and the one place that sorts
 * a carrier's answers into "an answer the adapter reads" (2xx, and 4xx other than 401/403/429) and
 * "the outcome is unknown or configuration must fix it" (thrown CarrierError). Adapters read their
 * carrier's own error bodies from the 4xx answers they get back.
 */
import { CarrierError, type CarrierName, type CarrierOperation } from './carrier.js';

export interface CarrierResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer was JSON, else the text. */
  body: unknown;
  text: string;
}

export interface CarrierRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  headers?: Record<string, string>;
  /** Serialized as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

function retryAfterMs(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * Sends one request. Throws CarrierError (retryable) on network errors, timeouts, 5xx and 429, and
 * (not retryable) on 401/403; returns every other answer for the adapter to read.
 */
export async function carrierFetch(carrier: CarrierName, operation: CarrierOperation, url: string, request: CarrierRequest = {}): Promise<CarrierResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...(request.headers ?? {}) };
  let body: string | undefined;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers['content-type'] ??= 'application/json';
  } else if (request.form !== undefined) {
    body = new URLSearchParams(request.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      signal: AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const message = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
    throw new CarrierError(carrier, operation, true, message, null, null, { cause: error });
  }
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (response.status >= 500 || response.status === 429) {
    throw new CarrierError(carrier, operation, true, `HTTP ${response.status}: ${text.slice(0, 300)}`, response.status, retryAfterMs(response.headers));
  }
  if (response.status === 401 || response.status === 403) {
    throw new CarrierError(carrier, operation, false, `HTTP ${response.status} (check the credentials): ${text.slice(0, 300)}`, response.status);
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Joins a configured base URL (with or without a trailing slash) and a path. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
