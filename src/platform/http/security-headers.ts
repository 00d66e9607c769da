/**
 * Security headers on every answer (OWASP Secure Headers): API JSON, problem documents, PDFs,
 * event streams, redirects, 404s and 503s alike. Set on the raw response at the start of each
 * request, so that they are there whoever writes the answer — Fastify, @fastify/static, or a route
 * that takes the socket over (the live event streams); a header a route sets itself (a page's own
 * Content-Security-Policy and Referrer-Policy) takes precedence, since Node lets the headers of
 * writeHead win over those set before.
 *
 * - `X-Content-Type-Options: nosniff`: a JSON answer or a PDF is never sniffed into a script or a page.
 * - `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`: nothing of Waybill is framed (clickjacking).
 * - `Referrer-Policy: no-referrer`: no URL of ours (tracking tokens are in paths) is handed on.
 * - `Cross-Origin-Opener-Policy: same-origin`: another site that opens a page of ours gets no handle on it.
 * - `Content-Security-Policy: default-src 'none'` for everything that is not a page: an answer that a
 *   browser is somehow made to render as a document may load and run nothing. PDFs and raster
 *   images (labels, invoices) get only `frame-ancestors`: the browser shows them in a viewer
 *   document of its own that a default-src would break (SVG keeps the strict policy: it can hold
 *   scripts). Pages (web-app.routes.ts) and the API docs (/docs) set their own.
 * - `Strict-Transport-Security` when customers reach the server over https (WAYBILL_PUBLIC_URL is
 *   https://…, which is how a TLS-terminating proxy in front of it is declared). Not from
 *   X-Forwarded-Proto: the server trusts no proxy header (trustProxy is off), and a browser ignores
 *   the header over plain http anyway.
 * - No `X-Powered-By` (Fastify sends none; a plugin that would is stripped).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';

/** For answers that are not pages: load nothing, run nothing, be framed by nobody. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** PDFs and raster images: framed by nobody; the rest is the browser's own viewer. */
export const FILE_CONTENT_SECURITY_POLICY = "frame-ancestors 'none'";

/** Files a browser shows in a viewer of its own (a PDF, a PNG or GIF label), not documents of ours. */
function shownByTheBrowser(contentType: string): boolean {
  return contentType.startsWith('application/pdf') || (contentType.startsWith('image/') && !contentType.startsWith('image/svg'));
}

/** A year: what browsers' preload lists ask for; the site is https for good once it says so. */
const HSTS = 'max-age=31536000';

export interface SecurityHeaderOptions {
  /** Customers reach the server over https (WAYBILL_PUBLIC_URL): send Strict-Transport-Security. */
  https: boolean;
}

/** The headers an API answer carries, by name (also written raw to a socket: client-errors.ts). */
export function securityHeadersOf(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'content-security-policy': API_CONTENT_SECURITY_POLICY,
    ...(options.https ? { 'strict-transport-security': HSTS } : {}),
  };
}

/**
 * The headers for one answer, before a route has had its say. Also used by answers sent before
 * routing. `headers`: securityHeadersOf's, made once per app rather than once per request.
 */
export function applySecurityHeaders(reply: FastifyReply, headers: Readonly<Record<string, string>>): void {
  const raw = reply.raw;
  if (raw.headersSent) return;
  for (const name in headers) raw.setHeader(name, headers[name]!);
  raw.removeHeader('x-powered-by');
}

export function installSecurityHeaders(app: FastifyInstance, headers: Readonly<Record<string, string>>): void {
  // First of the onRequest hooks (app.ts registers it before authentication), so that a refused
  // request's 401 carries them too.
  app.addHook('onRequest', async (_request, reply) => applySecurityHeaders(reply, headers));
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    // getHeader sees the raw response's default too: replace it only when no route chose another.
    if (shownByTheBrowser(type) && reply.getHeader('content-security-policy') === API_CONTENT_SECURITY_POLICY) {
      reply.header('content-security-policy', FILE_CONTENT_SECURITY_POLICY);
    }
    reply.removeHeader('x-powered-by');
    return payload;
  });
}
