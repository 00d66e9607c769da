/**
 * A local server that speaks the part of Stripe's v1 API Waybill uses (PaymentIntents with manual
 * capture, cancel, refunds), so the real `stripe` SDK can be exercised over real HTTP: form-encoded
 * bodies, Bearer auth, Stripe's object and error shapes, and Stripe's idempotency (same key + same
 * request replays the stored answer with `Idempotent-Replayed: true`; other parameters → 400
 * idempotency_error; a key still in flight → 409).
 *
 * Tests read the EFFECTIVE operations (`counts()`) to prove a retry charged once, and inject faults
 * before or after the effect (a 5xx, a dropped connection) to play a lost answer or a crash.
 * Another process can drive it: `npx tsx test/support/fake-stripe.ts` prints `{"url","port"}` and
 * `connectFakeStripe(url)` reads counts and injects faults through the `/__fake/*` endpoints.
 * Test cards follow Stripe's: `pm_card_visa` approves, `pm_card_chargeDeclined` and friends decline.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import Stripe from 'stripe';

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  body: Json;
  /** Stripe saves no idempotent result when the request failed validation before executing. */
  save: boolean;
}

export interface FakeStripeCounts {
  requests: number;
  replays: number;
  authorizations: number;
  declines: number;
  captures: number;
  cancels: number;
  refunds: number;
  byPaymentIntent: Record<string, { authorizations: number; captures: number; cancels: number; refunds: number }>;
}

export interface FakeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Json;
  status: number;
  replayed: boolean;
  fault: Fault['kind'] | null;
}

/**
 * `status`: answer with that 5xx/429 before any effect (a gateway or Stripe outage).
 * `drop_before`: close the socket before the effect (never reached Stripe).
 * `drop_after`: perform the effect, store the idempotent answer, then close the socket (the answer
 * was lost: the caller must retry with the same key and see the replay).
 * `match` restricts it to requests whose `"METHOD /path"` contains that text.
 */
export interface Fault {
  kind: 'status' | 'drop_before' | 'drop_after';
  count: number;
  status?: number;
  match?: string;
}

export interface FakeStripeOptions {
  secretKey?: string;
  port?: number;
  /** Where to POST signed events for every effect, as Stripe would. */
  webhook?: { url: string; secret: string } | null;
}

export const FAKE_STRIPE_KEY = 'sk_test_waybill_fake_0123456789';
const API_VERSION = Stripe.API_VERSION;
const cancelable = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const approved = new Set(['pm_card_visa', 'pm_card_visa_debit', 'pm_card_mastercard', 'pm_card_amex', 'pm_card_discover']);
const declines: Record<string, { code: string; decline_code?: string; message: string }> = {
  chargeDeclined: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  chargeDeclinedInsufficientFunds: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  chargeDeclinedExpiredCard: { code: 'expired_card', message: 'Your card has expired.' },
  chargeDeclinedIncorrectCvc: { code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  chargeDeclinedProcessingError: { code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
};

function declineOf(paymentMethod: string): (typeof declines)[string] | undefined {
  const name = /^pm_card_(?:visa_)?(chargeDeclined\w*)$/.exec(paymentMethod)?.[1];
  return name === undefined ? undefined : declines[name];
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding back into objects: `metadata[order]=x`, `list[0]=a`. */
export function decodeForm(body: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/[[\]]+/).filter((part, index) => part !== '' || index === 0);
    let node = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Json;
    });
  }
  const arrays = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).map(([k, v]) => [k, arrays(v)] as const);
    const isList = entries.length > 0 && entries.every(([k], index) => k === String(index));
    return isList ? entries.map(([, v]) => v) : Object.fromEntries(entries);
  };
  return arrays(root) as Json;
}

function stripeError(status: number, error: Json, save = true): Reply {
  return { status, body: { error: { ...error, doc_url: error.code ? `https://docs.stripe.com/error-codes/${String(error.code).replace(/_/g, '-')}` : undefined } }, save };
}
const invalid = (message: string, extra: Json = {}, save = true) => stripeError(400, { type: 'invalid_request_error', message, ...extra }, save);
const missing = (kind: string, id: string, param: string) => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param });

function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency}`;
}

/** Canonical JSON (sorted keys): what "the same parameters" means for idempotency. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The API's state and rules: one function per endpoint, each returning Stripe's answer. */
class Ledger {
  readonly intents = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  readonly charges = new Map<string, Json>();
  readonly events: Json[] = [];
  counts: FakeStripeCounts = Ledger.zero();

  static zero(): FakeStripeCounts {
    return { requests: 0, replays: 0, authorizations: 0, declines: 0, captures: 0, cancels: 0, refunds: 0, byPaymentIntent: {} };
  }

  #count(kind: 'authorizations' | 'captures' | 'cancels' | 'refunds', intentId: string): void {
    this.counts[kind] += 1;
    const per = (this.counts.byPaymentIntent[intentId] ??= { authorizations: 0, captures: 0, cancels: 0, refunds: 0 });
    per[kind] += 1;
  }

  #event(type: string, object: Json): void {
    this.events.push({ id: newId('evt'), object: 'event', api_version: API_VERSION, created: nowSeconds(), data: { object: structuredClone(object) }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type });
  }

  createIntent(p: Json): Reply {
    const amount = Number(p.amount);
    if (p.amount === undefined) return invalid('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' }, false);
    if (!Number.isSafeInteger(amount) || amount < 1) return invalid('Invalid integer: ' + String(p.amount), { code: 'parameter_invalid_integer', param: 'amount' }, false);
    if (typeof p.currency !== 'string' || !/^[a-zA-Z]{3}$/.test(p.currency)) return invalid('Missing required param: currency.', { code: 'parameter_missing', param: 'currency' }, false);
    const currency = p.currency.toLowerCase();
    if (amount < 50) return invalid(`Amount must be at least 0.50 ${currency}`, { code: 'amount_too_small', param: 'amount' });
    const manual = p.capture_method === 'manual';
    const paymentMethod = typeof p.payment_method === 'string' ? p.payment_method : null;
    const intent: Json = {
      id: newId('pi'), object: 'payment_intent', amount, amount_capturable: 0, amount_received: 0, currency, status: 'requires_payment_method',
      capture_method: manual ? 'manual' : 'automatic', confirmation_method: 'automatic', created: nowSeconds(), livemode: false,
      metadata: (p.metadata as Json | undefined) ?? {}, description: p.description ?? null, payment_method: paymentMethod,
      payment_method_types: ['card'], latest_charge: null, last_payment_error: null, canceled_at: null, cancellation_reason: null,
    };
    intent.client_secret = `${String(intent.id)}_secret_${randomBytes(8).toString('hex')}`;
    if (paymentMethod !== null && !approved.has(paymentMethod) && declineOf(paymentMethod) === undefined && paymentMethod !== 'pm_card_authenticationRequired') {
      return invalid(`No such PaymentMethod: '${paymentMethod}'`, { code: 'resource_missing', param: 'payment_method' });
    }
    this.intents.set(String(intent.id), intent);
    if (p.confirm !== 'true' || paymentMethod === null) {
      if (paymentMethod !== null) intent.status = 'requires_confirmation';
      return { status: 200, body: intent, save: true };
    }
    const decline = declineOf(paymentMethod);
    const charge: Json = { id: newId('ch'), object: 'charge', amount, amount_captured: 0, amount_refunded: 0, captured: false, refunded: false, currency, payment_intent: intent.id, status: 'succeeded', created: nowSeconds(), livemode: false, metadata: intent.metadata };
    if (decline) {
      charge.status = 'failed';
      this.charges.set(String(charge.id), charge);
      Object.assign(intent, { latest_charge: charge.id, payment_method: null, last_payment_error: { type: 'card_error', ...decline } });
      this.counts.declines += 1;
      this.#event('payment_intent.payment_failed', intent);
      return stripeError(402, { type: 'card_error', ...decline, charge: charge.id, payment_intent: intent });
    }
    if (paymentMethod === 'pm_card_authenticationRequired') {
      intent.status = 'requires_action';
      return { status: 200, body: intent, save: true };
    }
    this.charges.set(String(charge.id), charge);
    this.#count('authorizations', String(intent.id));
    if (manual) {
      Object.assign(intent, { status: 'requires_capture', amount_capturable: amount, latest_charge: charge.id });
      this.#event('payment_intent.amount_capturable_updated', intent);
    } else {
      Object.assign(charge, { captured: true, amount_captured: amount });
      Object.assign(intent, { status: 'succeeded', amount_received: amount, latest_charge: charge.id });
      this.#count('captures', String(intent.id));
      this.#event('payment_intent.succeeded', intent);
    }
    return { status: 200, body: intent, save: true };
  }

  capture(id: string, p: Json): Reply {
    const intent = this.intents.get(id);
    if (!intent) return missing('payment_intent', id, 'intent');
    if (intent.status !== 'requires_capture') {
      return invalid(`This PaymentIntent could not be captured because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`, { code: 'payment_intent_unexpected_state', payment_intent: intent });
    }
    const amount = p.amount_to_capture === undefined ? Number(intent.amount_capturable) : Number(p.amount_to_capture);
    if (!Number.isSafeInteger(amount) || amount < 1) return invalid(`Invalid integer: ${String(p.amount_to_capture)}`, { code: 'parameter_invalid_integer', param: 'amount_to_capture' }, false);
    if (amount > Number(intent.amount_capturable)) {
      return invalid('The amount to capture must be less than or equal to the amount_capturable on the PaymentIntent.', { code: 'amount_too_large', param: 'amount_to_capture', payment_intent: intent });
    }
    Object.assign(intent, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
    Object.assign(this.charges.get(String(intent.latest_charge)) ?? {}, { captured: true, amount_captured: amount });
    this.#count('captures', id);
    this.#event('payment_intent.succeeded', intent);
    return { status: 200, body: intent, save: true };
  }

  cancel(id: string, p: Json): Reply {
    const intent = this.intents.get(id);
    if (!intent) return missing('payment_intent', id, 'intent');
    if (!cancelable.includes(String(intent.status))) {
      return invalid(`You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be canceled: ${cancelable.join(', ')}.`, { code: 'payment_intent_unexpected_state', payment_intent: intent });
    }
    Object.assign(intent, { status: 'canceled', amount_capturable: 0, canceled_at: nowSeconds(), cancellation_reason: p.cancellation_reason ?? null });
    this.#count('cancels', id);
    this.#event('payment_intent.canceled', intent);
    return { status: 200, body: intent, save: true };
  }

  refund(p: Json): Reply {
    if (typeof p.payment_intent !== 'string') return invalid('Missing required param: payment_intent.', { code: 'parameter_missing', param: 'payment_intent' }, false);
    const intent = this.intents.get(p.payment_intent);
    if (!intent) return missing('payment_intent', p.payment_intent, 'payment_intent');
    const charge = this.charges.get(String(intent.latest_charge));
    if (intent.status !== 'succeeded' || !charge) {
      return invalid(`This PaymentIntent (${String(intent.id)}) does not have a successful charge to refund.`, { code: 'payment_intent_unexpected_state', param: 'payment_intent' });
    }
    const remaining = Number(charge.amount_captured) - Number(charge.amount_refunded);
    const amount = p.amount === undefined ? remaining : Number(p.amount);
    if (!Number.isSafeInteger(amount) || amount < 1) return invalid(`Invalid integer: ${String(p.amount)}`, { code: 'parameter_invalid_integer', param: 'amount' }, false);
    if (remaining === 0) return invalid(`Charge ${String(charge.id)} has already been refunded.`, { code: 'charge_already_refunded', charge: charge.id });
    if (amount > remaining) {
      return invalid(`Refund amount (${money(amount, String(intent.currency))}) is greater than unrefunded amount on charge (${money(remaining, String(intent.currency))})`, { code: 'amount_too_large', param: 'amount' });
    }
    const refund: Json = { id: newId('re'), object: 'refund', amount, currency: intent.currency, charge: charge.id, payment_intent: intent.id, status: 'succeeded', reason: p.reason ?? null, metadata: p.metadata ?? {}, created: nowSeconds() };
    this.refunds.set(String(refund.id), refund);
    Object.assign(charge, { amount_refunded: Number(charge.amount_refunded) + amount, refunded: Number(charge.amount_refunded) + amount === Number(charge.amount_captured) });
    this.#count('refunds', String(intent.id));
    this.#event('refund.created', refund);
    this.#event('charge.refunded', charge);
    return { status: 200, body: refund, save: true };
  }

  route(method: string, path: string, params: Json): Reply {
    const [, resource, id, action] = path.split('/').filter(Boolean);
    if (method === 'POST' && resource === 'payment_intents' && id === undefined) return this.createIntent(params);
    if (method === 'POST' && resource === 'payment_intents' && id && action === 'capture') return this.capture(id, params);
    if (method === 'POST' && resource === 'payment_intents' && id && action === 'cancel') return this.cancel(id, params);
    if (method === 'POST' && resource === 'refunds' && id === undefined) return this.refund(params);
    const lookup = { payment_intents: this.intents, refunds: this.refunds, charges: this.charges }[String(resource)];
    if (method === 'GET' && lookup && id && action === undefined) {
      const found = lookup.get(id);
      return found ? { status: 200, body: found, save: false } : missing(String(resource).replace(/s$/, ''), id, 'id');
    }
    return stripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` }, false);
  }
}

export interface FakeStripe {
  url: string;
  port: number;
  secretKey: string;
  counts(): FakeStripeCounts;
  requests(): readonly FakeRequest[];
  paymentIntent(id: string): Json | undefined;
  /** Every event an effect produced, newest last (also POSTed to the webhook target when set). */
  events(): readonly Json[];
  inject(fault: Fault): void;
  /** The next `count` requests (matching `match`) answer `status` (default 500) before any effect. */
  failNext(count: number, status?: number, match?: string): void;
  setLatency(ms: number): void;
  setWebhook(target: { url: string; secret: string } | null): void;
  /** Resolves when every automatic webhook delivery so far has been answered. */
  flushWebhooks(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req'), 'stripe-version': API_VERSION, ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the fake on 127.0.0.1 (port 0 = any free one). */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? FAKE_STRIPE_KEY;
  let ledger = new Ledger();
  let log: FakeRequest[] = [];
  let faults: Fault[] = [];
  let latencyMs = 0;
  let webhook = options.webhook ?? null;
  let deliveries: Promise<unknown>[] = [];
  const stored = new Map<string, { fingerprint: string; reply: Reply | null }>();

  function takeFault(line: string): Fault | null {
    const fault = faults.find((f) => f.count > 0 && (f.match === undefined || line.includes(f.match)));
    if (!fault) return null;
    fault.count -= 1;
    return fault;
  }

  function deliverNewEvents(from: number): void {
    if (webhook === null) return;
    for (const event of ledger.events.slice(from)) deliveries.push(sendWebhook(webhook.url, event, webhook.secret).catch(() => undefined));
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req) : '';
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (path === '/__fake/counts') return send(res, 200, ledger.counts);
    if (path === '/__fake/requests') return send(res, 200, log);
    if (path === '/__fake/events') return send(res, 200, ledger.events);
    if (path === '/__fake/faults') return (fake.inject(input as unknown as Fault), send(res, 200, { ok: true }));
    if (path === '/__fake/latency') return (fake.setLatency(Number(input.ms)), send(res, 200, { ok: true }));
    if (path === '/__fake/webhook') return (fake.setWebhook((input.url ? input : null) as { url: string; secret: string } | null), send(res, 200, { ok: true }));
    if (path === '/__fake/reset') return (fake.reset(), send(res, 200, { ok: true }));
    send(res, 404, { error: 'no such control endpoint' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    if (path.startsWith('/__fake/')) return control(req, res, path);
    const raw = await readBody(req);
    const params = method === 'GET' ? Object.fromEntries(url.searchParams) : decodeForm(raw);
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const entry: FakeRequest = { method, path, idempotencyKey: key, params, status: 0, replayed: false, fault: null };
    log.push(entry);
    ledger.counts.requests += 1;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => ((entry.status = status), send(res, status, body, headers));

    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (auth !== secretKey) {
      const message = auth === undefined
        ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
        : `Invalid API Key provided: ${auth.slice(0, 8)}****${auth.slice(-4)}`;
      return reply(401, { error: { type: 'invalid_request_error', message } });
    }
    const fault = takeFault(`${method} ${path}`);
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === 'status') return reply(fault.status ?? 500, { error: { type: 'api_error', message: 'An unknown error occurred (injected by the fake).' } });
    if (fault?.kind === 'drop_before') return void res.socket?.destroy();

    const fingerprint = `${method} ${path} ${canonical(params)}`;
    const slot = method === 'POST' && key !== null ? `${secretKey}:${key}` : null;
    const previous = slot === null ? undefined : stored.get(slot);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        const sameEndpoint = previous.fingerprint.split(' ', 2).join(' ') === `${method} ${path}`;
        return reply(400, { error: { type: 'idempotency_error', message: sameEndpoint
          ? `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`
          : `Keys for idempotent requests can only be used for the same endpoint they were first used for. Try using a key other than '${key}'.` } });
      }
      if (previous.reply === null) return reply(409, { error: { type: 'idempotency_error', code: 'idempotency_key_in_use', message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.` } });
      ledger.counts.replays += 1;
      entry.replayed = true;
      if (fault?.kind === 'drop_after') return void res.socket?.destroy();
      return reply(previous.reply.status, previous.reply.body, { 'idempotent-replayed': 'true', 'idempotency-key': key ?? '' });
    }
    if (slot !== null) stored.set(slot, { fingerprint, reply: null });
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const eventsBefore = ledger.events.length;
    let answer: Reply;
    try {
      answer = ledger.route(method, path, params);
    } finally {
      if (slot !== null) stored.delete(slot); // a bug in the fake must not leave the key "in flight" forever
    }
    deliverNewEvents(eventsBefore);
    if (slot !== null && answer.save) stored.set(slot, { fingerprint, reply: structuredClone(answer) });
    if (fault?.kind === 'drop_after') return void ((entry.status = answer.status), res.socket?.destroy());
    return reply(answer.status, answer.body, key === null ? {} : { 'idempotency-key': key });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { type: 'api_error', message: `fake-stripe bug: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeStripe = {
    url: `http://127.0.0.1:${port}`,
    port,
    secretKey,
    counts: () => structuredClone(ledger.counts),
    requests: () => log,
    paymentIntent: (id) => ledger.intents.get(id),
    events: () => ledger.events,
    inject: (fault) => void faults.push({ ...fault }),
    failNext: (count, status = 500, match) => fake.inject({ kind: 'status', count, status, ...(match === undefined ? {} : { match }) }),
    setLatency: (ms) => void (latencyMs = ms),
    setWebhook: (target) => void (webhook = target),
    flushWebhooks: async () => {
      const pending = deliveries;
      deliveries = [];
      await Promise.all(pending);
    },
    reset: () => {
      ledger = new Ledger();
      log = [];
      faults = [];
      latencyMs = 0;
      stored.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}

/** The `Stripe-Signature` header Stripe would send for this payload (default: now). */
export function signWebhook(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp === undefined ? {} : { timestamp }) });
}

/** A Stripe event envelope around an object, for hand-made webhook deliveries. */
export function stripeEvent(type: string, object: Json, id = newId('evt')): Json {
  return { id, object: 'event', api_version: API_VERSION, created: nowSeconds(), data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type };
}

/** POSTs a signed event to a webhook URL the way Stripe does; `timestamp` (unix seconds) to forge a stale one. */
export async function sendWebhook(url: string, event: Json, secret: string, options: { timestamp?: number } = {}): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(event);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signWebhook(payload, secret, options.timestamp), 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    body: payload,
  });
  return { status: response.status, body: await response.text() };
}

/** Drives a fake that runs in another process (see the CLI below) through its control endpoints. */
export function connectFakeStripe(url: string) {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__fake/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`fake-stripe control ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    counts: () => call<FakeStripeCounts>('counts'),
    requests: () => call<FakeRequest[]>('requests'),
    events: () => call<Json[]>('events'),
    inject: (fault: Fault) => call<{ ok: true }>('faults', fault),
    setLatency: (ms: number) => call<{ ok: true }>('latency', { ms }),
    setWebhook: (target: { url: string; secret: string } | null) => call<{ ok: true }>('webhook', target ?? {}),
    reset: () => call<{ ok: true }>('reset', {}),
  };
}

// `npx tsx test/support/fake-stripe.ts [port]`: serve until SIGTERM, announcing the address as one JSON line.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startFakeStripe({ port: Number(process.argv[2] ?? 0) });
  process.stdout.write(`${JSON.stringify({ url: fake.url, port: fake.port, secretKey: fake.secretKey })}\n`);
  process.once('SIGTERM', () => void fake.close().then(() => process.exit(0)));
}
