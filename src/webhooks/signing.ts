/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com, symmetric scheme): the secret is
 * `whsec_` + base64 of random bytes; the signature is `v1,` + base64 of HMAC-SHA256, keyed with the
 * decoded secret, over `{webhook-id}.{webhook-timestamp}.{body}`. signing.test.ts checks it against
 * the spec's published test vector.
 */
import { createHmac } from 'node:crypto';
import type { Ids } from '../platform/ids.js';

export const SECRET_PREFIX = 'whsec_';
/** The spec asks for 24 to 64 bytes; 32 matches the HMAC-SHA256 block of security. */
const SECRET_BITS = 256;

/** A new endpoint secret, from the CSPRNG behind `ids`. */
export function newWebhookSecret(ids: Ids): string {
  return SECRET_PREFIX + Buffer.from(ids.token(SECRET_BITS), 'base64url').toString('base64');
}

/** The `webhook-signature` value for one attempt. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64')}`;
}

/** The three headers of the spec for one attempt at `now`. */
export function webhookHeaders(secret: string, id: string, now: Date, body: string): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
}
