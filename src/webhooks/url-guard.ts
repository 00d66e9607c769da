/**
 * The SSRF guard: where a webhook URL's host resolves to, and whether every one of those addresses
 * may be a target (address-policy.ts). It runs when an endpoint is created or changed, and again
 * before every delivery attempt, because what a name resolves to can change after it was checked.
 * The attempt then connects to the very address checked here (send-webhook.ts pins it), so a DNS
 * answer that changes between the check and the connection (rebinding) cannot redirect it.
 */
import { lookup } from 'node:dns/promises';
import { addressRefusal } from './address-policy.js';
import { isLocalhostName, parseTargetUrl } from './target-url.js';

export interface CheckedTarget {
  url: URL;
  /** The address to connect to, checked. */
  address: string;
  family: 4 | 6;
}

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Resolves and checks `text`; throws TargetRefused saying why when it may not be used. Every
 * address the name resolves to must pass, not just the first: a name with one public and one
 * private address would otherwise reach the private one on some attempt.
 */
export async function checkTarget(text: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<CheckedTarget> {
  const parsed = parseTargetUrl(text);
  if (typeof parsed === 'string') throw new TargetRefused(`URL ${parsed}`);
  const { url, host, literal } = parsed;
  if (literal !== 0) {
    const refusal = addressRefusal(host, allowPrivate);
    if (refusal) throw new TargetRefused(refusal);
    return { url, address: host, family: literal };
  }
  if (isLocalhostName(host) && !allowPrivate) throw new TargetRefused(`${host} is a loopback name`);
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new TargetRefused(`${host} does not resolve${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  if (addresses.length === 0) throw new TargetRefused(`${host} does not resolve`);
  for (const a of addresses) {
    const refusal = addressRefusal(a.address, allowPrivate);
    if (refusal) throw new TargetRefused(`${host} resolves to ${refusal.replace(/^\S+ is /, `${a.address}, `)}`);
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
