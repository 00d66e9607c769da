/**
 * The process's logger (pino), made so that no secret reaches a log line, at any level. Two layers:
 *
 * 1. Before a line is written, every object logged is copied with the value of each field whose
 *    name says secret (authorization, cookie, csrf, password, secret, token, credential, api key,
 *    signature…) replaced by `[redacted]`, at any depth, errors included (their enumerable fields,
 *    such as an SDK's request headers, are walked too).
 * 2. The line itself, once serialized, is scrubbed of every secret value the configuration holds
 *    (config-secrets.ts: keys, webhook secrets, carrier and Twilio credentials, SMTP and database
 *    passwords — as written, JSON-escaped and percent-encoded) and of everything shaped like one
 *    that is made at run time: API keys (`wb_…`), webhook signing secrets (`whsec_…`), bearer
 *    tokens, session and device cookies, `token=`/`key=`/`secret=`/`password=` in URLs, and the
 *    tracking token in `/track/<token>` paths (a request log line carries the URL).
 *
 * Request bodies are never logged (Fastify logs method, URL and status), and neither are headers;
 * the layers catch what a future log call might add. Proven by test/security/secrets-in-logs.test.ts.
 */
import pino, { type Level, type Logger } from 'pino';

export interface LoggerOptions {
  level: Level | 'silent';
  /** Values to scrub from every line: the configuration's secrets. */
  secrets: readonly string[];
  /** Where lines go (default: standard output). */
  destination?: pino.DestinationStream;
}

export const REDACTED = '[redacted]';

/** A field with one of these in its name holds a secret, whatever the object. */
const SECRET_FIELD = /authori[sz]ation|cookie|csrf|passw(or)?d|secret|token|credential|api[-_]?key|key[-_]?hash|signature|hmac/i;

const MAX_DEPTH = 8;

/** Secrets of the shapes Waybill makes at run time (or that travel in headers and URLs). */
const SECRET_SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/\bwb_[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/g, `wb_${REDACTED}`],
  [/\bwhsec_[A-Za-z0-9+/_=-]{8,}/g, `whsec_${REDACTED}`],
  [/\b(bearer|basic)(\s+)[^\s",;\\]+/gi, `$1$2${REDACTED}`],
  [/((?:__Host-)?wb_(?:staff_session|session|device)=)[^;\s",\\]+/g, `$1${REDACTED}`],
  [/([?&#](?:[a-z_]*token|key|secret|password|signature)=)[^&\s"#\\]+/gi, `$1${REDACTED}`],
  [/(\/track\/)[^/?#\s"\\]+/g, `$1${REDACTED}`],
];

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of an error (same class, so the log still names it) with its own fields redacted: an SDK's
 * error often carries the request it made, headers and all. The original is left untouched.
 */
function redactedError(error: Error, depth: number, seen: WeakSet<object>): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const key of Object.getOwnPropertyNames(error)) {
    const inner: unknown = (error as unknown as Record<string, unknown>)[key];
    const enumerable = Object.getOwnPropertyDescriptor(error, key)?.enumerable ?? false;
    Object.defineProperty(copy, key, { value: SECRET_FIELD.test(key) ? REDACTED : redactFields(inner, depth + 1, seen), enumerable, writable: true, configurable: true });
  }
  return copy;
}

/** A copy of a logged value with every secret-named field redacted. */
function redactFields(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) return redactedError(value, depth, seen);
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1, seen));
  // Requests, replies, dates, buffers: their serializers decide what is written.
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = SECRET_FIELD.test(key) ? REDACTED : redactFields(inner, depth + 1, seen);
  return out;
}

/** The forms a configured secret may take in a JSON log line, longest first (a value inside another is not left half done). */
function needlesOf(secrets: readonly string[]): string[] {
  const forms = secrets.filter((s) => s.length >= 4).flatMap((s) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)]);
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** Scrubs one serialized line of known secret values and of secret-shaped text. */
export function scrubberOf(secrets: readonly string[]): (line: string) => string {
  const needles = needlesOf(secrets);
  return (line) => {
    let out = line;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
    return out;
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const scrub = scrubberOf(options.secrets);
  const settings: pino.LoggerOptions = {
    level: options.level,
    formatters: { log: (object) => redactFields(object, 0, new WeakSet()) as Record<string, unknown> },
    hooks: { streamWrite: scrub },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
