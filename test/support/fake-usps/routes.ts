/**
 * The endpoints the adapter uses, answering as USPS APIs 3.0 do: OAuth token, payment
 * authorization, base rates, service standards, label create / cancel, tracking, tracking
 * subscriptions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { labelPdf } from './label-pdf.js';
import { addDays, knownMailClasses, labelMultipart, listPriceCents, serviceDays, trackingDetails, uspsError, uspsScan, type Json } from './shapes.js';
import type { FakeState } from './state.js';

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  /** JSON, or a ready string (multipart). */
  body: Json | Json[] | string;
}

export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: Json | null;
}

const json = (status: number, body: Json | Json[], headers?: Record<string, string>): FakeReply => ({ status, body, headers });

function headerOf(call: FakeCall, name: string): string | undefined {
  const v = call.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function unauthorized(api: string): FakeReply {
  return json(401, uspsError(api, 401, 'Unauthorized', [{ code: '401000', title: 'Unauthorized', detail: 'Invalid or expired access token' }]), { 'www-authenticate': 'Bearer realm="https://apis.usps.com"' });
}

function token(state: FakeState, call: FakeCall): FakeReply {
  const b = call.body ?? {};
  if (b.grant_type !== 'client_credentials') return json(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
  if (b.client_id !== state.options.clientId || b.client_secret !== state.options.clientSecret) {
    return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
  }
  const accessToken = randomBytes(24).toString('base64url');
  state.accessTokens.add(accessToken);
  state.counts.tokens++;
  // USPS's README example spells these numbers as strings; the fake does too.
  return json(200, {
    access_token: accessToken,
    token_type: 'Bearer',
    issued_at: String(Date.now()),
    expires_in: String(state.options.tokenLifetimeSeconds),
    status: 'approved',
    scope: 'addresses service-delivery-standards locations prices tracking labels payments',
    issuer: 'api.usps.com',
    client_id: state.options.clientId,
    application_name: 'waybill-test',
    api_products: '[Public Access]',
    public_key: 'LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0=',
  });
}

function paymentAuthorization(state: FakeState, call: FakeCall): FakeReply {
  const roles = Array.isArray(call.body?.roles) ? (call.body!.roles as Json[]) : [];
  const names = roles.map((r) => r.roleName).sort();
  const o = state.options;
  const wrong = roles.find((r) => r.CRID !== o.crid || r.MID !== o.mid || r.accountNumber !== o.accountNumber || r.accountType !== 'EPS');
  if (names.join(',') !== 'LABEL_OWNER,PAYER' || wrong) {
    return json(400, uspsError('/payments/v3', 400, 'Bad Request', [{ code: '020100002', title: 'Invalid payment account', detail: 'The CRID, MID and EPS account do not match an enrolled payment account', parameter: 'roles' }]));
  }
  const t = `pat_${randomBytes(16).toString('hex')}`;
  state.paymentTokens.add(t);
  state.counts.paymentAuthorizations++;
  return json(200, { paymentAuthorizationToken: t, roles });
}

function overweight(api: string, mailClass: string, weight: number): FakeReply {
  return json(400, uspsError(api, 400, 'Bad Request', [{ code: '010660002', title: 'Weight exceeds maximum', detail: `The weight ${weight} lb exceeds the maximum of 70 lb for ${mailClass}.`, parameter: 'weight' }]));
}

function baseRates(state: FakeState, call: FakeCall): FakeReply {
  const b = call.body ?? {};
  const mailClass = String(b.mailClass);
  const weight = Number(b.weight);
  const missing = ['originZIPCode', 'destinationZIPCode', 'weight', 'mailClass', 'processingCategory', 'rateIndicator', 'destinationEntryFacilityType', 'priceType', 'mailingDate'].filter((k) => b[k] === undefined);
  if (missing.length > 0 || !knownMailClasses.includes(mailClass) || !/^\d{5}$/.test(String(b.originZIPCode))) {
    return json(400, uspsError('/prices/v3', 400, 'Bad Request', [{ code: '010660001', title: 'Invalid request', detail: `Invalid rate ingredients: ${missing.join(', ') || mailClass}`, parameter: missing[0] ?? 'mailClass' }]));
  }
  if (!/^\d{5}$/.test(String(b.destinationZIPCode)) || b.destinationZIPCode === '00000') {
    return json(400, uspsError('/prices/v3', 400, 'Bad Request', [{ code: '010660004', title: 'Invalid ZIP Code', detail: `${String(b.destinationZIPCode)} is not a valid destination ZIP Code.`, parameter: 'destinationZIPCode' }]));
  }
  if (weight > 70) return overweight('/prices/v3', mailClass, weight);
  const price = state.priceOverrides.get(mailClass) ?? listPriceCents(mailClass, weight) / 100;
  return json(200, {
    totalBasePrice: price,
    rates: [{ SKU: 'DPXX0XXXXC01010', description: `${mailClass} Machinable Single-piece`, priceType: b.priceType, price, weight, dimWeight: 0, fees: [], startDate: '2026-07-13', endDate: '', warnings: [], mailClass, zone: '05' }],
  });
}

function estimates(call: FakeCall): FakeReply {
  const mailClass = call.query.mailClass ?? '';
  if (!knownMailClasses.includes(mailClass)) return json(400, uspsError('/service-standards/v3', 400, 'Bad Request', [{ code: '030100001', title: 'Invalid mail class', detail: `Unknown mailClass ${mailClass}`, parameter: 'mailClass' }]));
  const days = serviceDays(mailClass);
  const accepted = call.query.acceptanceDate ?? '2026-01-01';
  return json(200, [
    {
      mailClass,
      originZIPCode: call.query.originZIPCode,
      destinationZIPCode: call.query.destinationZIPCode,
      acceptanceDateTime: `${accepted}T12:00:00Z`,
      effectiveAcceptanceDate: accepted,
      serviceStandard: days,
      serviceStandardMessage: `${days}-Day`,
      delivery: { scheduledDeliveryDateTime: addDays(accepted, days) },
    },
  ]);
}

function paymentOk(state: FakeState, call: FakeCall): boolean {
  const t = headerOf(call, 'x-payment-authorization-token');
  return t !== undefined && state.paymentTokens.has(t);
}

async function createLabel(state: FakeState, call: FakeCall): Promise<FakeReply> {
  if (!paymentOk(state, call)) return unauthorized('/labels/v3');
  const b = call.body ?? {};
  const pkg = (b.packageDescription ?? {}) as Json;
  const to = (b.toAddress ?? {}) as Json;
  const mailClass = String(pkg.mailClass);
  if (!knownMailClasses.includes(mailClass)) return json(400, uspsError('/labels/v3', 400, 'Bad Request', [{ code: '020300001', title: 'Invalid mail class', detail: `mailClass ${mailClass} is not supported`, parameter: 'packageDescription.mailClass' }]));
  if (!/^\d{5}$/.test(String(to.ZIPCode)) || to.ZIPCode === '00000') {
    return json(400, uspsError('/labels/v3', 400, 'Bad Request', [{ code: '020200019', title: 'Invalid address', detail: `Address Not Found: ${String(to.ZIPCode)} is not a valid ZIP Code.`, parameter: 'toAddress.ZIPCode' }]));
  }
  if (Number(pkg.weight) > 70) return overweight('/labels/v3', mailClass, Number(pkg.weight));
  const trackingNumber = `9205590${String(state.nextSerial++).padStart(15, '0')}`;
  const reference = Array.isArray(pkg.customerReference) ? String((pkg.customerReference[0] as Json)?.referenceNumber ?? '') : null;
  const postageCents = state.priceOverrides.has(mailClass) ? Math.round(state.priceOverrides.get(mailClass)! * 100) : listPriceCents(mailClass, Number(pkg.weight));
  state.labels.set(trackingNumber, { trackingNumber, mailClass, reference, postageCents, canceled: false, manifested: false });
  state.counts.labels++;
  const mailingDate = String(pkg.mailingDate ?? '2026-01-01');
  const now = new Date();
  state.tracked.set(trackingNumber, {
    trackingNumber,
    mailClass,
    status: 'Shipping Label Created, USPS Awaiting Item',
    statusCategory: 'Pre-Shipment',
    events: [uspsScan({ code: 'GX', type: 'Shipping Label Created, USPS Awaiting Item', local: now.toISOString().slice(0, 19), offset: '+00:00', city: String((b.fromAddress as Json)?.city ?? ''), state: String((b.fromAddress as Json)?.state ?? ''), zip: String((b.fromAddress as Json)?.ZIPCode ?? '') })],
  });
  const metadata = {
    labelAddress: { streetAddress: String(to.streetAddress ?? '').toUpperCase(), secondaryAddress: to.secondaryAddress ?? null, city: String(to.city ?? '').toUpperCase(), state: to.state, ZIPCode: to.ZIPCode, ZIPPlus4: to.ZIPPlus4 ?? null, firstName: to.firstName, lastName: to.lastName, ignoreBadAddress: false },
    routingInformation: `420${String(to.ZIPCode)}`,
    trackingNumber,
    postage: postageCents / 100,
    extraServices: [{ name: 'USPS Tracking', price: 0, SKU: 'DXTP0EXXXCX0000' }],
    zone: '05',
    commitment: { name: `${serviceDays(mailClass)} Days`, scheduleDeliveryDate: addDays(mailingDate, serviceDays(mailClass)) },
    weightUOM: 'LB',
    weight: pkg.weight,
    dimensionalWeight: 0,
    fees: [],
    labelBrokerID: '',
    constructCode: 'C01',
    SKU: 'DPXX0XXXXC01010',
  };
  const boundary = `usps${randomBytes(9).toString('hex')}`;
  const pdf = await labelPdf(trackingNumber, mailClass, reference);
  return { status: 200, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: labelMultipart(boundary, metadata, pdf) };
}

function cancelLabel(state: FakeState, call: FakeCall, trackingNumber: string): FakeReply {
  if (!paymentOk(state, call)) return unauthorized('/labels/v3');
  const label = state.labels.get(trackingNumber);
  const refuse = (detail: string) => json(400, uspsError('/labels/v3', 400, 'Bad Request', [{ code: '00000XX', title: 'Bad Request', detail, parameter: 'trackingNumber' }]));
  if (!label || label.canceled) return refuse('Order not found');
  if (label.manifested) return refuse('A refund request for this order cannot be submitted');
  label.canceled = true;
  state.counts.cancels++;
  return json(200, { trackingNumber, status: 'CANCELED' });
}

function track(state: FakeState, trackingNumber: string): FakeReply {
  const item = state.tracked.get(trackingNumber);
  if (!item) {
    return json(404, uspsError('/tracking/v3', 404, 'Resource Not Found', [{ code: '1001', title: 'Tracking number not found', detail: `The tracking number ${trackingNumber} cannot be found. Please check the number or contact the sender.`, parameter: 'trackingNumber' }]));
  }
  return json(200, trackingDetails(item));
}

/**
 * Subscriptions - Tracking: a listener URL, a secret of at least 32 characters, and a filter of one
 * Mailer ID or one tracking number (USPS's shapes: IMpb numbers of 20 to 34 digits, or S10
 * international ones); a second subscription of the same number to the same listener is refused
 * as a duplicate naming the live one.
 */
function subscribe(state: FakeState, call: FakeCall): FakeReply {
  const b = call.body ?? {};
  const bad = (code: string, title: string, detail: string, parameter: string) => json(400, uspsError('/subscriptions-tracking/v3', 400, 'Bad Request', [{ code, title, detail, parameter }]));
  if (typeof b.listenerURL !== 'string' || !/^https?:\/\/\S+$/.test(b.listenerURL)) return bad('SUB-0001', 'Invalid listenerURL', 'listenerURL must be an http(s) URL', 'listenerURL');
  if (typeof b.secret !== 'string' || b.secret.length < 32) return bad('SUB-0002', 'Invalid secret', 'secret must be at least 32 characters', 'secret');
  if (b.adminNotification !== undefined && (!Array.isArray(b.adminNotification) || b.adminNotification.some((a: Json) => typeof a?.email !== 'string' || !a.email.includes('@')))) {
    return bad('SUB-0003', 'Invalid adminNotification', 'adminNotification must list objects with a valid email', 'adminNotification');
  }
  const filter = (b.filterProperties ?? {}) as Json;
  const trackingNumber = filter.trackingNumber;
  if (filter.MID !== undefined) return bad('SUB-0004', 'Unsupported filter', 'this fake subscribes tracking numbers only', 'filterProperties.MID');
  if (typeof trackingNumber !== 'string' || !/^(\d{20,34}|[A-Z]{2}\d{9}[A-Z]{2})$/.test(trackingNumber)) {
    return bad('SUB-0005', 'Invalid tracking number', `${String(trackingNumber)} is not a valid tracking number`, 'filterProperties.trackingNumber');
  }
  const live = state.subscriptions.find((s) => s.trackingNumber === trackingNumber && s.listenerURL === b.listenerURL);
  if (live) return bad('SUB-0006', 'Duplicate subscription', `A subscription already exists for this listenerURL and filter, subscriptionId: ${live.subscriptionId}`, 'filterProperties');
  const subscription = { subscriptionId: randomUUID(), listenerURL: b.listenerURL, secret: b.secret, trackingNumber, adminNotification: Array.isArray(b.adminNotification) ? (b.adminNotification as Json[]) : null };
  state.subscriptions.push(subscription);
  return json(201, { subscriptionId: subscription.subscriptionId, listenerURL: subscription.listenerURL, filterProperties: { trackingNumber }, ...(subscription.adminNotification ? { adminNotification: subscription.adminNotification } : {}) });
}

/** The route for one request, or null for a path the fake does not serve (404). */
export async function route(state: FakeState, call: FakeCall): Promise<FakeReply | null> {
  const key = `${call.method} ${call.path}`;
  if (key === 'POST /oauth2/v3/token') return token(state, call);
  const api = `/${call.path.split('/')[1] ?? ''}/v3`;
  const auth = headerOf(call, 'authorization');
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
  if (bearer === null || !state.accessTokens.has(bearer)) return unauthorized(api);
  if (key === 'POST /payments/v3/payment-authorization') return paymentAuthorization(state, call);
  if (key === 'POST /prices/v3/base-rates/search') return baseRates(state, call);
  if (key === 'GET /service-standards/v3/estimates') return estimates(call);
  if (key === 'POST /labels/v3/label') return createLabel(state, call);
  const label = /^\/labels\/v3\/label\/([^/]+)$/.exec(call.path);
  if (label && call.method === 'DELETE') return cancelLabel(state, call, decodeURIComponent(label[1]!));
  const tracking = /^\/tracking\/v3\/tracking\/([^/]+)$/.exec(call.path);
  if (tracking && call.method === 'GET') return track(state, decodeURIComponent(tracking[1]!));
  if (key === 'POST /subscriptions-tracking/v3/subscriptions') return subscribe(state, call);
  return null;
}
