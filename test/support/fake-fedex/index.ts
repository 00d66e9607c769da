/**
 * A local server that speaks the part of FedEx's REST APIs the FedEx adapter uses, in FedEx's
 * documented shapes: OAuth (`/oauth/token`), Rate (`/rate/v1/rates/quotes`), Ship
 * (`/ship/v1/shipments`, multi-piece with a master tracking number, PDF labels) and cancel
 * (`PUT /ship/v1/shipments/cancel`), Track (`/track/v1/trackingnumbers`, unknown numbers as FedEx's
 * TRACKING.TRACKINGNUMBER.NOTFOUND inside a 200), and signed Advanced Integrated Visibility pushes.
 * Faults: answer the next N matching requests with a status, or revoke every issued token.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FedexSettings } from '../../../src/config-shipping.js';
import { labelPdf, pushPayload, signedPush, type SignedPush } from './documents.js';
import { accountCents, currencyFor, decimal, errors, fakeServices, fedexError, kilograms, listCents, rateReplyDetail, businessDaysAfter } from './replies.js';
import { fedexScan, trackResultFor } from './scans.js';

export { fedexScan, trackResultFor } from './scans.js';

type Json = Record<string, any>;

export const FAKE_FEDEX = {
  clientId: 'l7fake0fedex0client0id',
  clientSecret: 'fake-fedex-client-secret',
  accountNumber: '740561073',
  webhookSecret: 'fake-fedex-security-token',
} as const;

export interface FakeFedexOptions {
  clientId?: string;
  clientSecret?: string;
  accountNumber?: string;
  webhookSecret?: string;
  tokenLifetimeSeconds?: number;
}

export interface FakeFedexRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** JSON bodies parsed; the token form as an object. */
  body: any;
  status: number;
}

/** Answer the next `count` requests whose `"METHOD /path"` contains `match` with `status`. */
export interface FakeFedexFault {
  status: number;
  count?: number;
  match?: string;
  headers?: Record<string, string>;
  /** FedEx's error to answer with (a typical one for the status when absent). */
  error?: { code: string; message: string };
}

export interface FakeShipment {
  masterTrackingNumber: string;
  pieces: string[];
  serviceType: string;
  tendered: boolean;
  cancelled: boolean;
}

export interface FakeFedex {
  url: string;
  requests: FakeFedexRequest[];
  shipments: Map<string, FakeShipment>;
  /** Settings for createFedexCarrier pointing at this server. */
  settings(overrides?: Partial<FedexSettings>): FedexSettings;
  fail(fault: FakeFedexFault): void;
  /** Every token issued so far answers 401 from now on (FedEx expired them early). */
  revokeTokens(): void;
  /** What Track answers for a number (merged over the label's own scans when it has one). */
  setTracking(trackingNumber: string, trackResult: Json): void;
  /** FedEx has the parcel: a cancel is refused from now on. */
  tender(trackingNumber: string): void;
  /** A push for `trackingNumber` signed with the security token (its current tracking unless given). */
  webhook(trackingNumber: string, trackResult?: Json): SignedPush;
  /** The same push signed with another key. */
  forgedWebhook(trackingNumber: string, trackResult?: Json): SignedPush;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeFedex(options: FakeFedexOptions = {}): Promise<FakeFedex> {
  const creds = { ...FAKE_FEDEX, ...options };
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const requests: FakeFedexRequest[] = [];
  const faults: Array<FakeFedexFault & { count: number }> = [];
  const tokens = new Set<string>();
  const shipments = new Map<string, FakeShipment>();
  const tracking = new Map<string, Json>();
  let nextNumber = 794_600_000_001;

  const trackResultOf = (n: string): Json | undefined => tracking.get(n);
  const shipmentOf = (n: string) => [...shipments.values()].find((s) => s.masterTrackingNumber === n || s.pieces.includes(n));

  function rate(body: Json): [number, Json] {
    const shipment = body.requestedShipment ?? {};
    const from = shipment.shipper?.address ?? {};
    const to = shipment.recipient?.address ?? {};
    if (to.postalCode === '00000' || from.postalCode === '00000') return [400, errors.postalCode()];
    const items: Json[] = shipment.requestedPackageLineItems ?? [];
    const international = from.countryCode !== to.countryCode;
    const ground = to.residential ? 'GROUND_HOME_DELIVERY' : 'FEDEX_GROUND';
    const services = fakeServices.filter(
      (s) => s.international === international && (international || !s.serviceType.includes('GROUND') || s.serviceType === ground) && (!shipment.serviceType || s.serviceType === shipment.serviceType),
    );
    const details = services.map((s) => rateReplyDetail(s, kilograms(items), items.length, currencyFor(from.countryCode), shipment.shipDateStamp));
    return [200, { transactionId: randomBytes(8).toString('hex'), output: { rateReplyDetails: details, quoteDate: shipment.shipDateStamp, encoded: false } }];
  }

  function ship(body: Json): [number, Json] {
    const shipment = body.requestedShipment ?? {};
    const service = fakeServices.find((s) => s.serviceType === shipment.serviceType);
    if (!service) return [400, errors.serviceType()];
    const to = shipment.recipients?.[0]?.address ?? {};
    if (to.postalCode === '00000') return [400, errors.postalCode()];
    const items: Json[] = shipment.requestedPackageLineItems ?? [];
    const pieces = items.map(() => String(nextNumber++));
    const master = pieces[0]!;
    shipments.set(master, { masterTrackingNumber: master, pieces, serviceType: service.serviceType, tendered: false, cancelled: false });
    const now = new Date();
    for (const n of pieces) tracking.set(n, trackResultFor([fedexScan('OC', now.toISOString().slice(0, 19) + '-00:00', { scanLocation: { postalCode: shipment.shipper?.address?.postalCode, countryCode: shipment.shipper?.address?.countryCode } })]));
    const currency = currencyFor(shipment.shipper?.address?.countryCode);
    const total = accountCents(listCents(service, kilograms(items), items.length));
    const delivery = businessDaysAfter(shipment.shipDatestamp, service.days);
    return [
      200,
      {
        transactionId: randomBytes(8).toString('hex'),
        output: {
          transactionShipments: [
            {
              masterTrackingNumber: master,
              serviceType: service.serviceType,
              shipDatestamp: shipment.shipDatestamp,
              serviceName: service.serviceName,
              pieceResponses: pieces.map((n, i) => ({
                masterTrackingNumber: master,
                trackingNumber: n,
                packageSequenceNumber: i + 1,
                deliveryDatestamp: delivery,
                netChargeAmount: decimal(Math.round(total / pieces.length)),
                packageDocuments: [{ contentType: 'LABEL', copiesToPrint: 1, docType: 'PDF', trackingNumber: n, encodedLabel: labelPdf(n).toString('base64') }],
              })),
              completedShipmentDetail: {
                usDomestic: shipment.shipper?.address?.countryCode === 'US' && to.countryCode === 'US',
                carrierCode: service.serviceType.includes('GROUND') ? 'FDXG' : 'FDXE',
                masterTrackingId: { trackingIdType: 'FEDEX', trackingNumber: master },
                operationalDetail: { deliveryDate: delivery },
                shipmentRating: { actualRateType: 'PAYOR_ACCOUNT_SHIPMENT', shipmentRateDetails: [{ rateType: 'PAYOR_ACCOUNT_SHIPMENT', totalNetCharge: decimal(total), totalNetFedExCharge: decimal(total), currency }] },
              },
            },
          ],
        },
      },
    ];
  }

  function cancel(body: Json): [number, Json] {
    const shipment = shipmentOf(String(body.trackingNumber ?? ''));
    if (!shipment) return [400, fedexError('TRACKING.TRACKINGNUMBER.NOTFOUND', 'Tracking number cannot be found. Please correct the tracking number and try again.')];
    if (shipment.tendered || shipment.cancelled) {
      const message = shipment.cancelled ? 'Shipment has already been cancelled.' : 'Shipment cannot be cancelled: it has already been tendered to FedEx.';
      return [200, { transactionId: randomBytes(8).toString('hex'), output: { cancelledShipment: false, cancelledHistory: false, alerts: [{ code: 'SHIPMENT.CANCEL.NOTALLOWED', alertType: 'WARNING', message }] } }];
    }
    shipment.cancelled = true;
    return [200, { transactionId: randomBytes(8).toString('hex'), output: { cancelledShipment: true, cancelledHistory: true, successMessage: 'Success' } }];
  }

  function track(body: Json): [number, Json] {
    const infos: Json[] = Array.isArray(body.trackingInfo) ? body.trackingInfo : [];
    if (infos.length === 0) return [400, fedexError('TRACKING.TRACKINGNUMBER.EMPTY', 'Please provide tracking number.')];
    if (infos.length > 30) return [400, fedexError('TRACKING.TRACKINGNUMBER.LIMITEXCEEDED', 'Please provide no more than 30 tracking numbers.')];
    const completeTrackResults = infos.map((info) => {
      const trackingNumber = String(info.trackingNumberInfo?.trackingNumber ?? '');
      const result = trackResultOf(trackingNumber);
      if (!result) {
        return {
          trackingNumber,
          trackResults: [
            {
              trackingNumberInfo: { trackingNumber, trackingNumberUniqueId: '', carrierCode: '' },
              error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found. Please correct the tracking number and try again.' },
            },
          ],
        };
      }
      return { trackingNumber, trackResults: [{ trackingNumberInfo: { trackingNumber, trackingNumberUniqueId: `12026~${trackingNumber}~FDEG`, carrierCode: 'FDXE' }, ...result }] };
    });
    return [200, { transactionId: randomBytes(8).toString('hex'), output: { completeTrackResults } }];
  }

  function token(form: URLSearchParams): [number, Json] {
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== creds.clientId || form.get('client_secret') !== creds.clientSecret) return [401, errors.unauthorized()];
    const accessToken = randomBytes(24).toString('base64url');
    tokens.add(accessToken);
    return [200, { access_token: accessToken, token_type: 'bearer', expires_in: lifetime, scope: 'CXS-TP' }];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const method = req.method ?? 'GET';
    const form = (req.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
    let body: any = raw;
    try {
      body = form ? Object.fromEntries(new URLSearchParams(raw)) : raw ? JSON.parse(raw) : {};
    } catch {
      /* kept as text: the route answers 400 */
    }
    const record: FakeFedexRequest = { method, path, headers: req.headers, body, status: 0 };
    requests.push(record);
    const send = (status: number, json: Json, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };

    const fault = faults.find((f) => f.count > 0 && (!f.match || `${method} ${path}`.includes(f.match)));
    if (fault) {
      fault.count--;
      return send(fault.status, fault.error ? fedexError(fault.error.code, fault.error.message) : errors.forStatus(fault.status), fault.headers);
    }
    if (method === 'POST' && path === '/oauth/token') return send(...token(new URLSearchParams(raw)));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return send(401, errors.tokenExpired());
    if (typeof body !== 'object' || body === null) return send(400, fedexError('INVALID.INPUT.EXCEPTION', 'Invalid field value in the input'));
    if (path !== '/track/v1/trackingnumbers' && body.accountNumber?.value !== creds.accountNumber) {
      return send(403, fedexError('FORBIDDEN.ERROR', 'We could not authorize your credentials. Please check your permissions and try again.'));
    }
    if (method === 'POST' && path === '/rate/v1/rates/quotes') return send(...rate(body));
    if (method === 'POST' && path === '/ship/v1/shipments') return send(...ship(body));
    if (method === 'PUT' && path === '/ship/v1/shipments/cancel') return send(...cancel(body));
    if (method === 'POST' && path === '/track/v1/trackingnumbers') return send(...track(body));
    return send(404, fedexError('NOT.FOUND.ERROR', 'The resource you requested is no longer available. Please modify your request and try again.'));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fedexError('INTERNAL.SERVER.ERROR', String(error))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const push = (trackingNumber: string, trackResult: Json | undefined, key: string) =>
    signedPush(pushPayload([{ trackingNumber, trackResult: trackResult ?? trackResultOf(trackingNumber) ?? trackResultFor([]) }], new Date()), key);

  return {
    url,
    requests,
    shipments,
    settings: (overrides = {}) => ({ baseUrl: url, clientId: creds.clientId, clientSecret: creds.clientSecret, accountNumber: creds.accountNumber, webhookSecret: creds.webhookSecret, ...overrides }),
    fail: (fault) => faults.push({ count: 1, ...fault }),
    revokeTokens: () => tokens.clear(),
    setTracking: (trackingNumber, trackResult) => tracking.set(trackingNumber, trackResult),
    tender: (trackingNumber) => {
      const shipment = shipmentOf(trackingNumber);
      if (shipment) shipment.tendered = true;
    },
    webhook: (trackingNumber, trackResult) => push(trackingNumber, trackResult, creds.webhookSecret),
    forgedWebhook: (trackingNumber, trackResult) => push(trackingNumber, trackResult, `${creds.webhookSecret}-forged`),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
