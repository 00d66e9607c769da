/**
 * A local server that speaks the two DHL APIs Waybill's DHL adapter uses, in DHL's shapes:
 *  - Shipment Tracking – Unified: GET /track/shipments (`DHL-API-Key`; known numbers answer their
 *    scans, unknown ones DHL's 404 problem "No result found"), and its push subscriptions,
 *    POST /tracking/push/v1/subscription (recorded in `subscriptions`).
 *  - MyDHL Express under /mydhlapi: GET and POST /rates, POST /shipments (HTTP Basic).
 * Wrong credentials get DHL's 401 bodies. `failNext` answers the next requests with a status (500,
 * 429 with Retry-After, 401…); `push` builds a push body with the subscription's auth header, and
 * `forgedPush` one with a wrong token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DhlSettings } from '../../../src/config-shipping.js';
import { createShipment, expressProblem, ratesGet, ratesPost, type CreatedShipment, type Reply } from './express.js';

export { scans, expressShipment, type Scan, type ShipmentExtras } from './tracking-shapes.js';
export type { CreatedShipment } from './express.js';

export const FAKE_DHL = Object.freeze({
  apiKey: 'dhl-unified-api-key-test',
  username: 'mydhl-test-user',
  password: 'mydhl-test-password',
  accountNumber: '123456789',
  webhookSecret: 'dhl-push-token-test',
});

export interface FakeDhlOptions {
  apiKey?: string;
  username?: string;
  password?: string;
  accountNumber?: string;
  webhookSecret?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  status: number;
}

export interface Fault {
  status: number;
  /** How many requests get it (default 1). */
  count?: number;
  /** Only requests whose `"METHOD /path"` contains this. */
  match?: string;
  body?: unknown;
  /** Seconds, sent as Retry-After (429 defaults to 5). */
  retryAfter?: number;
}

/** A push subscription the fake made (POST /tracking/push/v1/subscription). */
export interface PushSubscription {
  id: string;
  type: string;
  service: string;
  events: string[];
  shipmentIDs: string[];
  hook: { uri: string; authentication?: { type: string; header: string; token: string } };
}

export interface FakeDhl {
  url: string;
  requests: RecordedRequest[];
  created: CreatedShipment[];
  subscriptions: PushSubscription[];
  close(): Promise<void>;
  /** DhlSettings pointing at this fake (express credentials unless `express: null`). */
  settings(overrides?: Partial<DhlSettings>): DhlSettings;
  failNext(fault: Fault): void;
  /** What GET /track/shipments answers for a number: a `shipments[]` entry (see expressShipment). */
  setTracking(trackingNumber: string, shipment: Record<string, unknown>): void;
  push(shipments: Record<string, unknown>[]): { body: Buffer; headers: Record<string, string> };
  forgedPush(shipments: Record<string, unknown>[], token?: string | null): { body: Buffer; headers: Record<string, string> };
}

const unifiedProblem = (status: number, title: string, detail: string, instance?: string): Reply => ({
  status,
  body: { type: `https://api-eu.dhl.com/track/shipments/problems/${status}`, title, status, detail, ...(instance ? { instance } : {}) },
});

function defaultFaultBody(status: number, express: boolean, path: string): unknown {
  const title = status === 429 ? 'Too Many Requests' : status === 401 ? 'Unauthorized' : status >= 500 ? 'Internal Server Error' : 'Error';
  const detail = status === 429 ? 'Rate limit quota violation. Quota limit exceeded.' : status === 401 ? 'Invalid Credentials' : 'The service is temporarily unavailable';
  return express ? expressProblem(path, status, title, detail).body : unifiedProblem(status, title, detail).body;
}

export async function startFakeDhl(options: FakeDhlOptions = {}): Promise<FakeDhl> {
  const cfg = { ...FAKE_DHL, ...options };
  const requests: RecordedRequest[] = [];
  const created: CreatedShipment[] = [];
  const subscriptions: PushSubscription[] = [];
  const tracking = new Map<string, Record<string, unknown>>();
  const faults: (Fault & { count: number })[] = [];
  const basic = `Basic ${Buffer.from(`${cfg.username}:${cfg.password}`).toString('base64')}`;

  function route(method: string, path: string, query: Record<string, string>, headers: IncomingMessage['headers'], body: any): Reply {
    if (path === '/track/shipments' && method === 'GET') {
      if (headers['dhl-api-key'] !== cfg.apiKey) return unifiedProblem(401, 'Unauthorized', 'Unauthorized for given resource.');
      const number = query.trackingNumber;
      if (!number) return unifiedProblem(400, 'Bad Request', 'Missing required parameter: trackingNumber');
      const shipment = tracking.get(number);
      if (!shipment) return unifiedProblem(404, 'No result found', 'No shipment with given tracking number found.', `/shipments?trackingNumber=${number}`);
      return { status: 200, body: { shipments: [shipment] } };
    }
    if (path === '/tracking/push/v1/subscription' && method === 'POST') {
      if (headers['dhl-api-key'] !== cfg.apiKey) return unifiedProblem(401, 'Unauthorized', 'Unauthorized for given resource.');
      return subscribe(body, String(headers.host ?? ''));
    }
    if (path.startsWith('/mydhlapi/')) {
      const sub = path.slice('/mydhlapi'.length);
      if (headers.authorization !== basic) return expressProblem(sub, 401, 'Unauthorized', 'Invalid Credentials');
      if (sub === '/rates' && method === 'GET') return ratesGet(query, cfg.accountNumber);
      if (sub === '/rates' && method === 'POST') return ratesPost(body, cfg.accountNumber);
      if (sub === '/shipments' && method === 'POST') {
        const { reply, created: shipment } = createShipment(body, cfg.accountNumber, created.length + 1);
        if (shipment) created.push(shipment);
        return reply;
      }
      return expressProblem(sub, 404, 'Not Found', `No such operation ${method} ${sub}`);
    }
    return unifiedProblem(404, 'Not Found', `No such resource ${method} ${path}`);
  }

  /**
   * A subscription by shipment IDs, checked as DHL's Push API describes it: an http(s) hook, a known
   * type and format, ApiKeyAuthentication with a header and a token, and IDs of 8 to 39 letters and
   * digits (the fake's own rule); anything else is refused whole with a 400 problem.
   */
  function subscribe(body: any, host: string): Reply {
    const bad = (detail: string) => unifiedProblem(400, 'Bad Request', detail, '/tracking/push/v1/subscription');
    const uri = body?.hook?.uri;
    if (typeof uri !== 'string' || !/^https?:\/\/\S+$/.test(uri)) return bad('hook.uri must be an http(s) URL');
    const auth = body.hook.authentication;
    if (auth !== undefined && (auth?.type !== 'ApiKeyAuthentication' || typeof auth.header !== 'string' || auth.header === '' || typeof auth.token !== 'string' || auth.token === '')) {
      return bad('hook.authentication must be {type: ApiKeyAuthentication, header, token}');
    }
    if (body.format !== undefined && body.format !== 'Default') return bad(`Unsupported format ${String(body.format)}`);
    if (body.type !== 'Shipment') return bad(`Unsupported subscription type ${String(body.type)}: this fake subscribes shipments only`);
    if (typeof body.service !== 'string' || body.service === '') return bad('service is required');
    const ids: unknown = body.shipmentIDs;
    if (!Array.isArray(ids) || ids.length === 0) return bad('shipmentIDs must name at least one shipment');
    const invalid = ids.filter((id) => typeof id !== 'string' || !/^[0-9A-Z]{8,39}$/i.test(id));
    if (invalid.length > 0) return bad(`Invalid shipment IDs: ${invalid.map(String).join(', ')}`);
    const events = Array.isArray(body.events) ? body.events.map(String) : [];
    const id = `sub-${subscriptions.length + 1}`;
    subscriptions.push({ id, type: body.type, service: body.service, events, shipmentIDs: ids as string[], hook: { uri, ...(auth ? { authentication: auth } : {}) } });
    return {
      status: 201,
      body: { self: `http://${host}/tracking/push/v1/subscription/${id}`, hook: { uri }, format: 'Default', type: body.type, service: body.service, events, shipmentIDs: ids },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake-dhl');
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    let body: any = null;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const key = `${method} ${url.pathname}`;
    const faultIndex = faults.findIndex((f) => !f.match || key.includes(f.match));
    let reply: Reply;
    const extra: Record<string, string> = {};
    if (faultIndex >= 0) {
      const fault = faults[faultIndex]!;
      if (--fault.count <= 0) faults.splice(faultIndex, 1);
      const express = url.pathname.startsWith('/mydhlapi/');
      reply = { status: fault.status, body: fault.body ?? defaultFaultBody(fault.status, express, url.pathname.replace('/mydhlapi', '')) };
      if (fault.status === 429) extra['retry-after'] = String(fault.retryAfter ?? 5);
    } else if (typeof body === 'string') {
      reply = expressProblem(url.pathname, 400, 'Bad request', 'Request body is not valid JSON');
    } else {
      reply = route(method, url.pathname, query, req.headers, body);
    }
    requests.push({ method, path: url.pathname, query, headers: req.headers, body, status: reply.status });
    const problem = reply.status >= 400;
    res.writeHead(reply.status, { 'content-type': problem ? 'application/problem+json' : 'application/json', ...extra });
    res.end(JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ title: 'fake-dhl crashed', detail: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const pushWith = (shipments: Record<string, unknown>[], token: string | null) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers['dhl-api-key'] = token;
    return { body: Buffer.from(JSON.stringify({ shipments })), headers };
  };

  return {
    url,
    requests,
    created,
    subscriptions,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
    settings: (overrides = {}) => ({
      baseUrl: url,
      apiKey: cfg.apiKey,
      webhookSecret: cfg.webhookSecret,
      express: { baseUrl: `${url}/mydhlapi`, username: cfg.username, password: cfg.password, accountNumber: cfg.accountNumber },
      ...overrides,
    }),
    failNext: (fault) => {
      faults.push({ ...fault, count: fault.count ?? 1 });
    },
    setTracking: (trackingNumber, shipment) => {
      tracking.set(trackingNumber, shipment);
    },
    push: (shipments) => pushWith(shipments, cfg.webhookSecret),
    forgedPush: (shipments, token = 'not-the-secret') => pushWith(shipments, token),
  };
}
