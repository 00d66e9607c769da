/**
 * CSRF protection for cookie-authenticated writes (OWASP: synchronizer token). The session holds a
 * random token; the page learns it from the sign-in answer or GET …/auth/session and sends it back
 * in `x-csrf-token` on every POST, PUT, PATCH and DELETE. A cross-site page can make the browser
 * send the cookie, but cannot read the token (no CORS) nor set a custom header on a simple request.
 * SameSite=Lax on the cookie is the second layer. API-key requests carry no ambient credential and
 * need no token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for methods that change something (everything but GET, HEAD and OPTIONS). */
export function isWrite(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Constant-time comparison of the session's token with the header (hashed first: equal lengths). */
export function csrfMatches(expected: string, sent: string | string[] | undefined): boolean {
  if (typeof sent !== 'string' || sent.length === 0 || sent.length > 256) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(sent).digest();
  return timingSafeEqual(a, b);
}
