/**
 * The shape of a webhook endpoint's URL. Pure: no I/O (where the host resolves to is url-guard.ts).
 */
import { isIP } from 'node:net';

export const MAX_URL_LENGTH = 2048;

export interface TargetUrl {
  url: URL;
  /** The host without IPv6 brackets: what DNS is asked, or the literal address. */
  host: string;
  /** 4 or 6 when the host is an address literal, else 0. */
  literal: 0 | 4 | 6;
}

/** The parsed target, or why the text is not one. */
export function parseTargetUrl(text: string): TargetUrl | string {
  if (text.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  // Viewers can list endpoints: a password in the URL would be shown to them. Receivers
  // authenticate a delivery by its signature instead.
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') return 'must name a host';
  const version = isIP(host);
  return { url, host, literal: version === 4 ? 4 : version === 6 ? 6 : 0 };
}

/** `localhost` and `*.localhost` are loopback by definition (RFC 6761), whatever a resolver says. */
export function isLocalhostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}
