/**
 * One HTTP attempt at a webhook: POST the body to the checked address (pinned: the connection goes
 * to the address url-guard.ts checked, never to a fresh DNS answer), no redirects followed, the
 * whole exchange bounded by a timeout, the response body read only up to a small limit. Never
 * throws for what the network or the receiver did: every outcome is a value.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './url-guard.js';

/** The Standard Webhooks spec recommends 15 to 30 s for a receiver to answer. */
export const ATTEMPT_TIMEOUT_MS = 15_000;
/** What the delivery log keeps of a response body. */
export const KEPT_RESPONSE_CHARS = 1024;
/** Reading stops here: a receiver answering with megabytes must not hold the worker. */
const READ_LIMIT_BYTES = 64 * 1024;

export type AttemptOutcome =
  | { kind: 'response'; status: number; body: string; retryAfter: string | undefined; location: string | undefined }
  | { kind: 'error'; message: string };

export interface AttemptRequest {
  target: CheckedTarget;
  body: string;
  headers: Record<string, string>;
  /** Aborts the attempt (worker shutdown, lost lease). */
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Answers every lookup with the checked address, in the shape the caller asked for. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;
}

export async function sendWebhook(request: AttemptRequest): Promise<AttemptOutcome> {
  const { target, body } = request;
  const timeoutMs = request.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: AttemptOutcome) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const req = client.request(
      {
        method: 'POST',
        hostname: target.url.hostname.replace(/^\[|\]$/g, ''),
        port: target.url.port === '' ? undefined : Number(target.url.port),
        path: `${target.url.pathname}${target.url.search}`,
        headers: { ...request.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(target.address, target.family),
        // No connection reuse: each attempt resolves, checks and pins again.
        agent: false,
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () =>
          settle({
            kind: 'response',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, KEPT_RESPONSE_CHARS),
            retryAfter: header(res.headers['retry-after']),
            location: header(res.headers.location),
          });
        res.on('data', (chunk: Buffer) => {
          if (size >= READ_LIMIT_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= READ_LIMIT_BYTES) {
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        // The status is what counts: a body cut off by a reset or the timeout still has one.
        res.on('error', finish);
        res.on('close', finish);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      const message = timeout.aborted
        ? `no answer within ${timeoutMs / 1000} s`
        : request.signal?.aborted
          ? 'aborted: the worker stopped'
          : `${error.code ?? error.name}: ${error.message}`;
      settle({ kind: 'error', message });
    });
    req.end(body);
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
