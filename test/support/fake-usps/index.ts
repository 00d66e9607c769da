/**
 * A local USPS APIs 3.0 (apis.usps.com) for tests: node:http on 127.0.0.1, port 0, speaking the
 * shapes of USPS's OpenAPI files for exactly what the Waybill adapter calls (OAuth token, payment
 * authorization, base rates, service standards, labels and their cancellation, tracking), with
 * USPS's error bodies; fault injection (the next N matching requests answered 500/429/401/...);
 * token revocation (the next API call answers 401); tracked numbers with scans in every
 * timestamp form; Subscriptions - Tracking subscriptions (recorded in `subscriptions`) and signed
 * (or forged) notifications.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { route, type FakeCall, type FakeReply } from './routes.js';
import { trackingDetails, uspsError, uspsScan, type Json, type ScanInput, type TrackedItem } from './shapes.js';
import { FAKE_USPS, newState, type FakeState, type FakeSubscription, type FakeUspsFault, type FakeUspsOptions, type IssuedLabel, type RecordedRequest } from './state.js';
import type { UspsSettings } from '../../../src/config-shipping.js';

export { FAKE_USPS, type FakeSubscription, type FakeUspsFault, type FakeUspsOptions, type RecordedRequest } from './state.js';
export { gmtOf, uspsScan, type ScanForm, type ScanInput } from './shapes.js';

/** Waybill's USPS settings pointing at a fake, with the fake's default credentials and account. */
export function fakeUspsSettings(fake: { url: string }, overrides: Partial<UspsSettings> = {}): UspsSettings {
  return {
    baseUrl: fake.url,
    clientId: FAKE_USPS.clientId,
    clientSecret: FAKE_USPS.clientSecret,
    webhookSecret: FAKE_USPS.webhookSecret,
    payment: { crid: FAKE_USPS.crid, mid: FAKE_USPS.mid, manifestMid: FAKE_USPS.mid, accountNumber: FAKE_USPS.accountNumber, accountType: 'EPS' },
    ...overrides,
  };
}

export interface SignedWebhook {
  body: Buffer;
  headers: Record<string, string>;
}

export interface FakeUsps {
  url: string;
  requests: RecordedRequest[];
  counts: FakeState['counts'];
  labels: ReadonlyMap<string, IssuedLabel>;
  /** Tracking subscriptions made (one per number), oldest first. */
  subscriptions: FakeSubscription[];
  close(): Promise<void>;
  /** Answer the next matching requests with `status` (and USPS's error body for it). */
  fail(fault: FakeUspsFault): void;
  /** Every issued access and payment token stops working: the next calls answer 401. */
  revokeTokens(): void;
  /** A price (dollars) for a mail class instead of the list price, for labels and quotes. */
  setPrice(mailClass: string, dollars: number): void;
  /** Makes a number known to tracking with these scans (oldest first). */
  setTracking(trackingNumber: string, scans: readonly ScanInput[], extra?: Partial<Omit<TrackedItem, 'trackingNumber' | 'events'>>): void;
  /** The label went into USPS's systems: cancelling it is refused. */
  markManifested(trackingNumber: string): void;
  /** A notification as USPS posts it to a subscription's listener, signed with `X-HMAC`. */
  signedWebhook(trackingNumber: string, scans: readonly ScanInput[], options?: { notificationId?: string; encoding?: 'hex' | 'base64'; secret?: string }): SignedWebhook;
  /** The same notification with a signature made with another key. */
  forgedWebhook(trackingNumber: string, scans: readonly ScanInput[]): SignedWebhook;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string): Json | null {
  if (raw === '') return null;
  if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as Json;
  } catch {
    return { _unparseable: raw };
  }
}

function faultReply(fault: FakeUspsFault, path: string): FakeReply {
  const api = `/${path.split('/')[1] ?? ''}/v3`;
  const messages: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  const message = messages[fault.status] ?? 'Error';
  return {
    status: fault.status,
    headers: fault.status === 429 || fault.status === 503 ? { 'retry-after': '30' } : undefined,
    body: fault.body ?? uspsError(api, fault.status, message, [{ code: String(fault.status), title: message, detail: `Injected ${fault.status}` }]),
  };
}

function send(res: ServerResponse, reply: FakeReply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json', ...(reply.headers ?? {}) });
  res.end(text);
}

export async function startFakeUsps(options: FakeUspsOptions = {}): Promise<FakeUsps> {
  const state = newState(options);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-usps');
    const raw = await readBody(req);
    const call: FakeCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: parseBody(raw, String(req.headers['content-type'] ?? '')),
    };
    const key = `${call.method} ${call.path}`;
    let fault = state.faults.find((f) => f.left > 0 && (f.match === undefined || key.includes(f.match)));
    if (fault && fault.toSkip > 0) {
      fault.toSkip--;
      fault = undefined;
    }
    let reply: FakeReply;
    if (fault) {
      fault.left--;
      reply = faultReply(fault, call.path);
    } else {
      reply = (await route(state, call)) ?? { status: 404, body: uspsError('/', 404, 'Not Found', [{ code: '404', title: 'Not Found', detail: `No route ${key}` }]) };
    }
    state.requests.push({ method: call.method, path: call.path, query: call.query, headers: call.headers, body: call.body, status: reply.status });
    send(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(uspsError('/', 500, 'Internal Server Error', [{ code: '500', title: 'Fake failure', detail: String(error) }])));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  function notification(trackingNumber: string, scans: readonly ScanInput[], notificationId: string): Buffer {
    const details = trackingDetails({ trackingNumber, mailClass: 'PRIORITY_MAIL', events: scans.map(uspsScan) });
    return Buffer.from(JSON.stringify({ notificationId, subscriptionId: 'sub-waybill-1', ...details }));
  }
  const sign = (body: Buffer, secret: string, encoding: 'hex' | 'base64') => createHmac('sha256', secret).update(body).digest(encoding);
  let notifications = 0;

  return {
    url: `http://127.0.0.1:${port}`,
    requests: state.requests,
    counts: state.counts,
    labels: state.labels,
    subscriptions: state.subscriptions,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
    fail: (fault) => void state.faults.push({ ...fault, left: fault.count ?? 1, toSkip: fault.skip ?? 0 }),
    revokeTokens: () => {
      state.accessTokens.clear();
      state.paymentTokens.clear();
    },
    setPrice: (mailClass, dollars) => void state.priceOverrides.set(mailClass, dollars),
    setTracking: (trackingNumber, scans, extra = {}) => void state.tracked.set(trackingNumber, { mailClass: 'PRIORITY_MAIL', ...extra, trackingNumber, events: scans.map(uspsScan) }),
    markManifested: (trackingNumber) => {
      const label = state.labels.get(trackingNumber);
      if (!label) throw new Error(`no label ${trackingNumber}`);
      label.manifested = true;
    },
    signedWebhook: (trackingNumber, scans, opts = {}) => {
      const body = notification(trackingNumber, scans, opts.notificationId ?? `ntf-${++notifications}`);
      return { body, headers: { 'content-type': 'application/json', 'x-hmac': sign(body, opts.secret ?? state.options.webhookSecret, opts.encoding ?? 'hex') } };
    },
    forgedWebhook: (trackingNumber, scans) => {
      const body = notification(trackingNumber, scans, `ntf-${++notifications}`);
      return { body, headers: { 'content-type': 'application/json', 'x-hmac': sign(body, 'not-the-subscription-secret', 'hex') } };
    },
  };
}
