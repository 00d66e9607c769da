/**
 * A fast-check arbitrary of HTTP requests for one documented operation: path parameters that name
 * real seeded objects as well as garbage, query parameters valid and malformed, a body that fits
 * the documented schema or breaks it (see schema-arbitrary.ts), and bodies that are not JSON at
 * all, or JSON sent under the wrong content type. Credentials are added when the request is sent
 * (principals.ts), so that a shrunk counterexample shows only what was generated.
 */
import fc from 'fast-check';
import type { Operation, Parameter } from './openapi-document.js';
import { anyJson, malformedValue, nastyString, validValue, type Hints, type JsonSchema } from './schema-arbitrary.js';

export interface FuzzRequest {
  method: string;
  /** Path and query string, ready to append to the server's URL. */
  url: string;
  headers: Record<string, string>;
  /** The raw bytes of the body, if any. */
  body?: string;
}

export interface RequestContext {
  /** Real values (already unencoded) for a path parameter, or none. */
  realPathValues(operation: Operation, parameter: Parameter, collection: string): string[];
  /** Real values for body and query fields of this name. */
  hints: Hints;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Segments that are broken as URL syntax: a lone `%`, a bad escape, an escaped NUL, a half UTF-8 sequence. */
const BROKEN_SEGMENTS = ['%', '%zz', '%00', '%E0%A4%A', '%2F', '%FF%FE', 'a%20b', '~'];

/** Bodies that are not JSON, sent as application/json. */
const NOT_JSON = ['', '{', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '\u0000', '[1,2', '{"a":"\\uZZZZ"}', '\ufeff{}', '<xml/>', 'a=1&b=2', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}'];

const OTHER_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'application/json; charset=latin1', 'application/merge-patch+json', 'APPLICATION/JSON', ''];

/**
 * Node's HTTP parser refuses a request head over 16 KiB with its own 431 before the app sees it:
 * URL parts stay well below, huge strings go into bodies.
 */
const MAX_URL_PART = 3000;

/** A body just over the default 1 MiB limit. */
const HUGE_BODY = JSON.stringify({ filler: 'x'.repeat(1_100_000) });

/** Percent-encodes the UTF-8 bytes (encodeURIComponent throws on a lone surrogate, which is worth sending: it becomes U+FFFD). */
function encodeSegment(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function pathSegment(operation: Operation, parameter: Parameter, collection: string, context: RequestContext): fc.Arbitrary<string> {
  const real = context.realPathValues(operation, parameter, collection);
  const generated = fc.oneof(validValue(parameter.schema), nastyString, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 })).map((v) => encodeSegment(String(v)));
  // An empty or dot segment turns the URL into another route's: that route is fuzzed on its own.
  const garbage = fc.oneof(generated, fc.constantFrom(...BROKEN_SEGMENTS)).filter((s) => s !== '' && s !== '.' && s !== '..' && s.length <= MAX_URL_PART);
  if (real.length === 0) return garbage;
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real.map(encodeSegment)) }, { weight: 2, arbitrary: garbage });
}

function pathArbitrary(operation: Operation, context: RequestContext): fc.Arbitrary<string> {
  const segments = operation.path.split('/');
  return fc.tuple(
    ...segments.map((segment, i) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name === undefined) return fc.constant(segment);
      const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name) ?? { name, in: 'path' as const, required: true, schema: { type: 'string' } };
      return pathSegment(operation, parameter, segments[i - 1] ?? '', context);
    }),
  ).map((parts) => parts.join('/'));
}

function queryText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

function queryValue(parameter: Parameter, hints: Hints): fc.Arbitrary<string[]> {
  const hint = hints[parameter.name];
  const valid = hint ? fc.oneof(hint, validValue(parameter.schema, hints)) : validValue(parameter.schema, hints);
  const malformed = malformedValue(parameter.schema, hints).map(queryText).filter((text) => text.length <= MAX_URL_PART);
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((v) => [queryText(v)]) },
    { weight: 2, arbitrary: malformed.map((text) => [text]) },
    // The same parameter twice: frameworks hand the handler an array.
    { weight: 1, arbitrary: fc.tuple(valid, valid).map(([a, b]) => [queryText(a), queryText(b)]) },
  );
}

function queryArbitrary(operation: Operation, hints: Hints): fc.Arbitrary<string> {
  const parameters = operation.parameters.filter((p) => p.in === 'query');
  const model: Record<string, fc.Arbitrary<string[]>> = {};
  for (const p of parameters) model[p.name] = queryValue(p, hints);
  const known = fc.record(model, { requiredKeys: parameters.filter((p) => p.required).map((p) => p.name) });
  const unknown = fc.option(fc.tuple(fc.constantFrom('unknown', 'limit[]', '__proto__', 'sort'), fc.string({ maxLength: 8 })), { freq: 6 });
  return fc.tuple(known, unknown).map(([values, extra]) => {
    const search = new URLSearchParams();
    for (const [name, list] of Object.entries(values)) for (const v of list ?? []) search.append(name, v);
    if (extra) search.append(extra[0], extra[1]);
    const text = search.toString();
    return text === '' ? '' : `?${text}`;
  });
}

interface Body {
  headers: Record<string, string>;
  body?: string;
}

const json = (value: unknown): Body => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

function bodyArbitrary(operation: Operation, hints: Hints): fc.Arbitrary<Body> {
  const schema: JsonSchema | undefined = operation.body?.content['application/json'];
  const notJson = fc.constantFrom(...NOT_JSON).map((text): Body => ({ headers: { 'content-type': 'application/json' }, body: text }));
  const wrongType = fc.tuple(fc.constantFrom(...OTHER_CONTENT_TYPES), schema ? validValue(schema, hints) : anyJson).map(([type, value]): Body => ({
    headers: type === '' ? {} : { 'content-type': type },
    body: JSON.stringify(value),
  }));
  const none = fc.constant<Body>({ headers: {} });
  const huge = fc.constant<Body>({ headers: { 'content-type': 'application/json' }, body: HUGE_BODY });
  // fetch sends no body on a GET (and no client should).
  if (!WRITES.has(operation.method)) return none;
  if (schema === undefined) {
    return fc.oneof({ weight: 4, arbitrary: none }, { weight: 3, arbitrary: anyJson.map(json) }, { weight: 1, arbitrary: fc.constant(json({})) }, { weight: 1, arbitrary: notJson }, { weight: 1, arbitrary: wrongType });
  }
  return fc.oneof(
    { weight: 6, arbitrary: validValue(schema, hints).map(json) },
    { weight: 6, arbitrary: malformedValue(schema, hints).map(json) },
    { weight: 1, arbitrary: anyJson.map(json) },
    { weight: 1, arbitrary: notJson },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: none },
    // Rare: each one is a megabyte on the wire.
    { weight: 1, arbitrary: fc.oneof({ weight: 9, arbitrary: validValue(schema, hints).map(json) }, { weight: 1, arbitrary: huge }) },
  );
}

/** Headers a client may send whatever the route: idempotency keys of every shape on writes. */
function extraHeaders(operation: Operation): fc.Arbitrary<Record<string, string>> {
  if (operation.method !== 'POST') return fc.constant({});
  const key = fc.oneof(fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 }), fc.constant('k'.repeat(300)), fc.constant(' '));
  return fc.option(key.map((k) => ({ 'idempotency-key': k })), { freq: 3, nil: {} });
}

/** Signature headers an attacker would try on an inbound webhook: none, empty, garbage, plausible. */
function webhookHeaders(): fc.Arbitrary<Record<string, string>> {
  const value = fc.oneof(fc.constant(''), fc.constant('t=1,v1=deadbeef'), fc.constant('v1,Zm9v'), fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }));
  const names = ['stripe-signature', 'webhook-signature', 'webhook-id', 'webhook-timestamp', 'x-hmac', 'dhl-api-key', 'x-payment-authorization-token', 'credential', 'authorization'];
  return fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 3 });
}

function webhookBody(): fc.Arbitrary<Body> {
  return fc.oneof(
    anyJson.map(json),
    fc.record({ id: fc.string(), type: fc.constantFrom('payment_intent.succeeded', 'charge.refunded', 'tracking.update'), data: anyJson }).map(json),
    fc.constantFrom(...NOT_JSON).map((text): Body => ({ headers: { 'content-type': 'application/json' }, body: text })),
    fc.tuple(fc.constantFrom(...OTHER_CONTENT_TYPES), fc.string({ maxLength: 200 })).map(([type, text]): Body => ({ headers: type === '' ? {} : { 'content-type': type }, body: text })),
    fc.constant<Body>({ headers: {} }),
  );
}

export function requestArbitrary(operation: Operation, context: RequestContext): fc.Arbitrary<FuzzRequest> {
  const webhook = operation.path.startsWith('/webhooks/');
  return fc
    .tuple(pathArbitrary(operation, context), queryArbitrary(operation, context.hints), webhook ? webhookBody() : bodyArbitrary(operation, context.hints), webhook ? webhookHeaders() : extraHeaders(operation))
    .map(([path, query, body, headers]) => ({
      method: operation.method,
      url: path + query,
      headers: { ...headers, ...body.headers },
      ...(body.body === undefined ? {} : { body: body.body }),
    }));
}
