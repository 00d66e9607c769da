/**
 * A local server that speaks the parts of UPS's JSON APIs Waybill's adapter uses, in UPS's shapes:
 * OAuth client credentials, Rating (Shop/Shoptimeintransit), Shipping (ship, void), Track and Track
 * Alert subscriptions (recorded in `subscriptions`), with
 * UPS's error bodies (`{"response":{"errors":[{code,message}]}}`), plus fault injection and Track
 * Alert webhook fixtures. Tests read `requests` to see exactly what was sent.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rate } from './rating.js';
import { ship, voidShipment } from './shipping.js';
import { FakeUpsState, upsError, type Fault, type FakeUpsOptions, type Json, type RecordedRequest, type Reply } from './state.js';
import { subscribe, type TrackAlertSubscription } from './subscriptions.js';
import { track } from './tracking.js';
import { trackAlertDelivery, trackAlertEvent, type AlertSpec, type WebhookDeliveryFixture } from './webhooks.js';

export { scan, trackPackage, type PackageSpec, type ScanSpec, type TimestampForm } from './scans.js';
export { gifComment } from './gif.js';
export { trackAlertEvent, type AlertSpec } from './webhooks.js';
export type { FakeUpsOptions, RecordedRequest } from './state.js';
export type { TrackAlertSubscription } from './subscriptions.js';

export interface FakeUps {
  url: string;
  requests: RecordedRequest[];
  clientId: string;
  clientSecret: string;
  accountNumber: string;
  webhookCredential: string;
  /** Track Alert subscriptions UPS accepted (one per number), oldest first. */
  subscriptions: TrackAlertSubscription[];
  /** How many tokens the OAuth endpoint has issued. */
  tokensIssued(): number;
  /** Answer the next `count` matching requests with `status` (UPS's error body for 4xx, a gateway page for 5xx). */
  fail(fault: Partial<Fault> & { status: number }): void;
  /** Every token issued so far stops working (UPS answers 401), as when UPS revokes them early. */
  revokeTokens(): void;
  /** Put a Track API `package` object (see `trackPackage`) behind a tracking number. */
  setTracking(trackingNumber: string, pkg: Json): void;
  /** A correctly authenticated Track Alert delivery of one event (or several). */
  trackAlert(spec: AlertSpec | AlertSpec[]): WebhookDeliveryFixture;
  /** The same with a credential UPS would not send. */
  forgedTrackAlert(spec: AlertSpec, credential?: string): WebhookDeliveryFixture;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parse(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  if ((contentType ?? '').includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function authenticate(state: FakeUpsState, req: IncomingMessage, body: unknown): Reply {
  const expected = `Basic ${Buffer.from(`${state.clientId}:${state.clientSecret}`).toString('base64')}`;
  if (req.headers.authorization !== expected) return upsError(401, '10401', 'ClientId is Invalid');
  if ((body as Json | null)?.grant_type !== 'client_credentials') return upsError(400, '10400', 'Invalid/Missing grant_type');
  const token = randomBytes(24).toString('base64url');
  state.tokens.add(token);
  state.tokensIssued += 1;
  return {
    status: 200,
    body: { token_type: 'Bearer', issued_at: String(Date.now()), client_id: state.clientId, access_token: token, expires_in: String(state.tokenLifetimeSeconds), refresh_count: '0', status: 'approved' },
  };
}

function route(state: FakeUpsState, req: IncomingMessage, url: URL, body: unknown): Reply {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (method === 'POST' && path === '/security/v1/oauth/token') return authenticate(state, req, body);
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer || !state.tokens.has(bearer)) return upsError(401, '250002', 'Invalid Authentication Information.');
  let m = /^\/api\/rating\/(v\w+)\/(\w+)$/.exec(path);
  if (method === 'POST' && m) return rate(state, m[2]!, body as Json);
  m = /^\/api\/shipments\/(v\w+)\/ship$/.exec(path);
  if (method === 'POST' && m) return ship(state, m[1]!, body as Json, new Date());
  m = /^\/api\/shipments\/(v\w+)\/void\/cancel\/([^/]+)$/.exec(path);
  if (method === 'DELETE' && m) return voidShipment(state, decodeURIComponent(m[2]!));
  m = /^\/api\/track\/v1\/details\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) return track(state, decodeURIComponent(m[1]!), req.headers);
  if (method === 'POST' && /^\/api\/track\/v1\/subscription\/standard\/package$/.test(path)) return subscribe(state, req.headers, body);
  return upsError(404, '404', 'The requested resource was not found.');
}

function injected(state: FakeUpsState, req: IncomingMessage, path: string): Reply | null {
  const fault = state.faults.find((f) => f.count > 0 && (!f.match || `${req.method} ${path}`.includes(f.match)));
  if (!fault) return null;
  fault.count -= 1;
  const headers = fault.retryAfter ? { 'retry-after': fault.retryAfter } : undefined;
  if (fault.status === 401) return { ...upsError(401, '250002', 'Invalid Authentication Information.'), headers };
  if (fault.status === 429) return { ...upsError(429, '429', 'Rate Limit Exceeded'), headers };
  if (fault.status >= 500) return { status: fault.status, body: '<html><body>Service Unavailable</body></html>', headers };
  return { ...upsError(fault.status, String(fault.status), 'Injected fault'), headers };
}

export async function startFakeUps(options: FakeUpsOptions = {}): Promise<FakeUps> {
  const state = new FakeUpsState(options);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const text = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://fake-ups');
      const body = parse(text, req.headers['content-type']);
      const reply = injected(state, req, url.pathname) ?? route(state, req, url, body);
      state.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body, status: reply.status });
      const json = typeof reply.body !== 'string';
      res.writeHead(reply.status, { 'content-type': json ? 'application/json' : 'text/html', ...(reply.headers ?? {}) });
      res.end(json ? JSON.stringify(reply.body) : reply.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: state.requests,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    accountNumber: state.accountNumber,
    webhookCredential: state.webhookCredential,
    subscriptions: state.subscriptions,
    tokensIssued: () => state.tokensIssued,
    fail: (fault) => state.faults.push({ count: 1, ...fault }),
    revokeTokens: () => state.tokens.clear(),
    setTracking: (trackingNumber, pkg) => state.tracking.set(trackingNumber.toUpperCase(), pkg),
    trackAlert: (spec) => trackAlertDelivery(Array.isArray(spec) ? spec.map(trackAlertEvent) : trackAlertEvent(spec), state.webhookCredential),
    forgedTrackAlert: (spec, credential = 'not-the-credential') => trackAlertDelivery(trackAlertEvent(spec), credential),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
