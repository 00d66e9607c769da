/**
 * Track Alert subscriptions as UPSTrackAlert.yaml describes them: `POST
 * /api/track/v1/subscription/standard/package` with a `TrackSubsServiceRequest`, checked in the
 * order of UPS's error table (VSS002 … VSS800); numbers that are not `1Z` + 16 characters are
 * refused one by one (`invalidTrackingNumbers`), and a request with none valid is the 400 VSS210.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { upsError, type FakeUpsState, type Json, type Reply } from './state.js';

export interface TrackAlertSubscription {
  trackingNumber: string;
  url: string;
  credentialType: string;
  credential: string;
  locale: string;
  countryCode: string;
}

const ONE_Z = /^1Z[0-9A-Z]{16}$/;
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function refuse(code: string, message: string, invalidTrackingNumbers?: string[]): Reply {
  const reply = upsError(400, code, `${message} The Subscription request has been rejected.`);
  return invalidTrackingNumbers ? { ...reply, body: { ...(reply.body as Json), invalidTrackingNumbers } } : reply;
}

export function subscribe(state: FakeUpsState, headers: IncomingHttpHeaders, body: unknown): Reply {
  if (!text(headers.transid)) return upsError(400, 'VSS002', 'Missing transId.');
  if (!text(headers.transactionsrc)) return upsError(400, 'VSS004', 'Missing transactionSrc.');
  const b = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : null;
  if (b === null) return refuse('VSS110', 'Subscription request is empty or not present.');
  if (!text(b.locale)) return refuse('VSS300', 'Locale is required.');
  if (!/^[a-z]{2}_[A-Z]{2}$/.test(b.locale)) return refuse('VSS310', 'Please enter a valid locale.');
  if (!/^[A-Z]{2}$/.test(text(b.countryCode))) return refuse('VSS400', 'Please enter a valid country code.');
  if (!Array.isArray(b.trackingNumberList) || b.trackingNumberList.length === 0) return refuse('VSS200', 'Tracking Number List is required.');
  if (b.trackingNumberList.length > 100) return upsError(400, 'VSS220', 'You have submitted over 100 1Z numbers which is not allowed. The entire submission of 1Z numbers has been rejected.');
  const destination = typeof b.destination === 'object' && b.destination !== null ? (b.destination as Json) : null;
  if (destination === null) return refuse('VSS500', 'Destination is required.');
  if (!text(destination.url)) return refuse('VSS600', 'URL is empty or not present.');
  if (!text(destination.credential)) return refuse('VSS700', 'Credential is empty or not present.');
  if (!text(destination.credentialType)) return refuse('VSS800', 'CredentialType is empty or not present.');

  const asked = (b.trackingNumberList as unknown[]).map((n) => (typeof n === 'string' ? n : String(n)));
  const valid = asked.filter((n) => ONE_Z.test(n));
  const invalid = asked.filter((n) => !ONE_Z.test(n));
  if (valid.length === 0) return refuse('VSS210', 'The Subscription request should have at least one valid tracking number.', invalid);
  for (const trackingNumber of valid) {
    state.subscriptions.push({ trackingNumber, url: destination.url, credentialType: destination.credentialType, credential: destination.credential, locale: b.locale, countryCode: b.countryCode });
  }
  return { status: 200, body: invalid.length > 0 ? { validTrackingNumbers: valid, invalidTrackingNumbers: invalid } : { validTrackingNumbers: valid } };
}
