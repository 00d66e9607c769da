/**
 * A local server that speaks the part of Twilio's REST API Waybill uses — creating a message:
 * POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From or MessagingServiceSid,
 * Body, HTTP Basic AccountSid:AuthToken — answering 201 with Twilio's message resource, and errors in
 * Twilio's shape `{code, message, more_info, status}`: 20003 bad credentials (401), 21211 an invalid
 * 'To' (400), 21602 no body, 21603/21604 no sender or recipient, 21610 an unsubscribed recipient
 * (+15005550004, after Twilio's magic test numbers; +15005550001 is invalid as there). Faults play an
 * outage (`status`: 429 or 5xx before any effect) or a lost answer (`drop_after`: the message is
 * created, then the connection closes). Every request is recorded.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_TWILIO_SID = 'AC00000000000000000000000000000001';
export const FAKE_TWILIO_TOKEN = 'fake_twilio_auth_token_0123456789';

export interface TwilioMessage {
  sid: string;
  account_sid: string;
  api_version: '2010-04-01';
  to: string;
  from: string | null;
  messaging_service_sid: string | null;
  body: string;
  status: 'queued' | 'accepted';
  direction: 'outbound-api';
  num_segments: string;
  num_media: '0';
  price: null;
  price_unit: 'USD';
  error_code: null;
  error_message: null;
  date_created: string;
  date_updated: string;
  date_sent: null;
  uri: string;
  subresource_uris: { media: string };
}

export interface TwilioRequest {
  method: string;
  path: string;
  /** The Basic credentials as sent, decoded; null without them. */
  auth: { user: string; pass: string } | null;
  contentType: string | null;
  params: Record<string, string>;
  status: number;
  fault: TwilioFault['kind'] | null;
}

export interface TwilioFault {
  kind: 'status' | 'drop_after';
  count: number;
  /** For `status`: 429, 500, 503… (default 500). */
  status?: number;
  /** Only for messages to this number. */
  to?: string;
}

export interface FakeTwilio {
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  /** Messages created (what Twilio would deliver). */
  messages: TwilioMessage[];
  requests: TwilioRequest[];
  inject(fault: TwilioFault): void;
  failNext(count: number, status?: number): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const unsubscribed = new Set(['+15005550004']);
const invalid = new Set(['+15005550001']);

function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function basicAuth(header: string | undefined): { user: string; pass: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

/** GSM-7 fits 160 characters in one segment and 153 per part beyond; anything else 70 and 67. */
function segments(body: string): number {
  const gsm = /^[\n\r\x20-\x7e£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà€]*$/.test(body);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  return body.length <= single ? 1 : Math.ceil(body.length / part);
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? FAKE_TWILIO_SID;
  const authToken = options.authToken ?? FAKE_TWILIO_TOKEN;
  const messages: TwilioMessage[] = [];
  const requests: TwilioRequest[] = [];
  let faults: TwilioFault[] = [];

  function takeFault(to: string | undefined): TwilioFault | null {
    const fault = faults.find((f) => f.count > 0 && (f.to === undefined || f.to === to));
    if (!fault) return null;
    fault.count -= 1;
    return fault;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const raw = await readBody(req);
    const params = Object.fromEntries(new URLSearchParams(raw));
    const auth = basicAuth(req.headers.authorization);
    const record: TwilioRequest = { method: req.method ?? 'GET', path, auth, contentType: req.headers['content-type'] ?? null, params, status: 0, fault: null };
    requests.push(record);
    const reply = (status: number, code: number, message: string) => ((record.status = status), twilioError(res, status, code, message));

    const route = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (!route) return reply(404, 20404, 'The requested resource was not found');
    if (!auth || auth.user !== accountSid || auth.pass !== authToken || decodeURIComponent(route[1]!) !== accountSid) return reply(401, 20003, 'Authenticate');
    if (req.method !== 'POST') return reply(405, 20004, 'Method not allowed');

    const fault = takeFault(params.To);
    if (fault?.kind === 'status') {
      record.fault = 'status';
      const status = fault.status ?? 500;
      return status === 429 ? reply(429, 20429, 'Too Many Requests') : reply(status, 20500, 'An internal server error has occurred');
    }
    if (!(record.contentType ?? '').startsWith('application/x-www-form-urlencoded')) return reply(400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
    const to = params.To;
    if (!to) return reply(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to) || invalid.has(to)) return reply(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (unsubscribed.has(to)) return reply(400, 21610, 'Attempt to send to unsubscribed recipient');
    const from = params.From ?? null;
    const service = params.MessagingServiceSid ?? null;
    if (!from && !service) return reply(400, 21603, "A 'From' phone number is required.");
    if (from && !E164.test(from)) return reply(400, 21212, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
    const body = params.Body ?? '';
    if (body.length === 0) return reply(400, 21602, 'Message body is required.');
    if (body.length > 1600) return reply(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');

    const sid = `SM${randomBytes(16).toString('hex')}`;
    const now = new Date().toUTCString().replace('GMT', '+0000');
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
    const message: TwilioMessage = {
      sid,
      account_sid: accountSid,
      api_version: '2010-04-01',
      to,
      from,
      messaging_service_sid: service,
      body,
      status: from ? 'queued' : 'accepted',
      direction: 'outbound-api',
      num_segments: String(segments(body)),
      num_media: '0',
      price: null,
      price_unit: 'USD',
      error_code: null,
      error_message: null,
      date_created: now,
      date_updated: now,
      date_sent: null,
      uri,
      subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
    };
    messages.push(message);
    record.status = 201;
    if (fault?.kind === 'drop_after') {
      record.fault = 'drop_after';
      req.socket.destroy();
      return;
    }
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(message));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) twilioError(res, 500, 20500, `fake-twilio bug: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeTwilio = {
    url: `http://127.0.0.1:${port}`,
    port,
    accountSid,
    authToken,
    messages,
    requests,
    inject: (fault) => void faults.push({ ...fault }),
    failNext: (count, status = 500) => fake.inject({ kind: 'status', count, status }),
    reset: () => {
      messages.length = 0;
      requests.length = 0;
      faults = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
