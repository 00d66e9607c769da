/**
 * The sim's webhook signature, in the shape Stripe and most carriers use: header
 * `x-sim-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, rejected when older
 * than five minutes (replay protection) or not matching (constant-time compare).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIM_SIGNATURE_HEADER = 'x-sim-signature';
const TOLERANCE_SECONDS = 300;

export function signSimPayload(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export function verifySimSignature(secret: string, body: Buffer, header: string | undefined, now: Date): boolean {
  if (header === undefined) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || v1 === undefined || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}
