/**
 * FedEx Advanced Integrated Visibility (tracking webhook) pushes. FedEx signs every push with
 * `fdx-signature`: the base64 HMAC-SHA256 of the raw body keyed by the project's security token.
 * The body has the Track API's shape (`{transactionId, outputMetaData, output: {completeTrackResults}}`),
 * so its track results are read by the same code as polling. Pure (no I/O).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { header, type WebhookHeaders, type WebhookParseResult, type WebhookTracking } from '../carrier.js';
import { completeTrackResultsOf, trackResultOf } from './tracking.js';

export const SIGNATURE_HEADER = 'fdx-signature';

export function fedexSignature(rawBody: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Constant-time check of the header against the body; no secret configured means nothing verifies. */
export function validFedexSignature(rawBody: Buffer, signature: string | undefined, secret: string | null): boolean {
  if (!secret || !signature) return false;
  const expected = Buffer.from(fedexSignature(rawBody, secret));
  const given = Buffer.from(signature.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Json = Record<string, any>;

/** Older pushes put the track results at the top level rather than under `output`. */
function completesOf(body: Json): Json[] {
  const nested = completeTrackResultsOf(body);
  if (nested.length > 0) return nested;
  const flat: unknown = body.trackResults;
  if (!Array.isArray(flat)) return [];
  return flat
    .filter((r): r is Json => typeof r === 'object' && r !== null)
    .map((r) => ({ trackingNumber: r.trackingNumber ?? r.trackingNumberInfo?.trackingNumber, trackResults: [r] }));
}

export function parseFedexWebhook(rawBody: Buffer, headers: WebhookHeaders, secret: string | null): WebhookParseResult {
  if (!validFedexSignature(rawBody, header(headers, SIGNATURE_HEADER), secret)) return { valid: false };
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { valid: false };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { valid: false };
  const completes = completesOf(body as Json);
  if (completes.length === 0) return { valid: false };
  const updates: WebhookTracking[] = [];
  for (const complete of completes) {
    const trackingNumber = typeof complete.trackingNumber === 'string' ? complete.trackingNumber : complete.trackResults?.[0]?.trackingNumberInfo?.trackingNumber;
    if (typeof trackingNumber !== 'string' || trackingNumber === '') continue;
    const result = trackResultOf(trackingNumber, complete);
    if (result.found) updates.push({ trackingNumber, events: result.events, estimatedDelivery: result.estimatedDelivery });
  }
  // FedEx's transaction id names the push; its retries of the same push carry the same one.
  const transactionId = (body as Json).transactionId;
  const deliveryId = typeof transactionId === 'string' && transactionId !== '' ? transactionId : createHash('sha256').update(rawBody).digest('hex');
  return { valid: true, delivery: { deliveryId, updates } };
}
