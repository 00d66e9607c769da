/**
 * fast-check arbitraries from JSON Schema (the subset TypeBox writes into /openapi.json): values the
 * schema accepts, and values it refuses in one place (a wrong type, a missing required field, an
 * extra field, a number out of range or fractional, a string too long, empty, or full of control
 * characters…), nested anywhere in the value. Schemas must be dereferenced first (openapi-document.ts).
 *
 * `hints` lets a caller put real values where a schema only says "a string": a `sku` that names a
 * seeded product reaches the code behind validation, which a random string never would.
 */
import fc from 'fast-check';

export type JsonSchema = Record<string, any>;
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** How deep generated free-form JSON goes: enough to surprise a handler, small enough to stay fast. */
const MAX_DEPTH = 3;
/** Generated strings stay short unless a schema needs them long; the malformed ones go far beyond. */
const SHORT = 24;

/** Strings that break naive code: controls, NUL, surrogates, RTL marks, emoji, SQL and HTML, huge. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '\u0000abc', '\t\r\n', '\u202e\u200b\ufeff', '😀🇺🇸👩‍👩‍👧', '\ud800', 'é́́́', "'; drop table orders; --", '<script>alert(1)</script>', '%00%2e%2e%2f', '../../etc', '${7*7}{{7*7}}', 'null', 'undefined', 'NaN', '-0', '1e309', '0x10'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 10 }),
  fc.integer({ min: 256, max: 70_000 }).map((n) => 'x'.repeat(n)),
);

/** Numbers that are not what any money or quantity field means. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, -0.01, 0.5, 1.5, -2_147_483_649, 2_147_483_648, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 1e21, -1e21, 1e308, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value at all. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: MAX_DEPTH });

const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'] as const;

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties || schema.required) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function valueOfType(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.oneof(fc.string({ maxLength: SHORT }), nastyString);
    case 'number':
      return nastyNumber;
    case 'integer':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(anyJson, { maxLength: 4 });
    default:
      return fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 4 });
  }
}

/** A value of some JSON type the schema does not allow (also `"12"` for a number: no coercion). */
function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> | null {
  const allowed = typesOf(schema);
  if (allowed.length === 0) return null;
  const others = TYPES.filter((t) => !allowed.includes(t) && !(t === 'integer' && allowed.includes('number')) && !(t === 'number' && allowed.includes('integer')));
  const arbs = others.map(valueOfType);
  if (allowed.includes('integer') || allowed.includes('number')) arbs.push(fc.integer({ min: -5, max: 5 }).map(String));
  return arbs.length === 0 ? null : fc.oneof(...arbs);
}

function stringValue(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = schema.maxLength ?? Math.max(minLength, SHORT);
  if (schema.format === 'email') return fc.emailAddress().filter((e) => e.length >= minLength && e.length <= maxLength);
  if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (typeof schema.pattern === 'string') {
    // Only the schema's own bounds: a pattern like `^evt_[…]{26}$` is longer than the default, and a filter that never passes never ends.
    const lo = schema.minLength ?? 0;
    const hi = schema.maxLength ?? Infinity;
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= lo && s.length <= hi);
  }
  const length = { minLength, maxLength: Math.min(maxLength, Math.max(minLength, SHORT)) };
  return fc.oneof({ weight: 3, arbitrary: fc.string(length) }, { weight: 1, arbitrary: fc.string({ ...length, unit: 'grapheme' }) });
}

function numberValue(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : undefined);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : undefined);
  if (integer) {
    const lo = Math.max(min ?? -1_000_000, Number.MIN_SAFE_INTEGER);
    const hi = Math.min(max ?? 1_000_000, Number.MAX_SAFE_INTEGER);
    // Small values most of the time (a quantity of 3 finds stock), the bounds sometimes.
    return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: lo, max: Math.min(hi, lo + 10) }) }, { weight: 1, arbitrary: fc.constantFrom(lo, hi) }, { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) });
  }
  return fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true });
}

/** A value the schema accepts. */
export function validValue(schema: JsonSchema, hints: Hints = {}, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: JsonSchema) => validValue(s, hints, depth)));
  if (Array.isArray(schema.allOf)) return validValue(Object.assign({}, ...schema.allOf), hints, depth);
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...schema, type }, hints, depth)));
  switch (types[0]) {
    case 'string':
      return stringValue(schema);
    case 'integer':
      return numberValue(schema, true);
    case 'number':
      return numberValue(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, hints, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, Math.max(schema.minItems ?? 0, 3)) });
    case 'object':
      return objectValue(schema, hints, depth);
    default:
      return depth >= MAX_DEPTH ? fc.constant({}) : anyJson;
  }
}

function objectValue(schema: JsonSchema, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const required: string[] = (schema.required ?? []).filter((k: string) => k in properties);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    const generated = validValue(property, hints, depth + 1);
    const hint = hints[name];
    model[name] = hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: generated }) : generated;
  }
  const record = fc.record(model, { requiredKeys: required });
  const extra = schema.additionalProperties;
  if (Object.keys(properties).length === 0 && extra && typeof extra === 'object') {
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), validValue(extra, hints, depth + 1), { maxKeys: Math.min(schema.maxProperties ?? 3, 3) });
  }
  return record;
}

/** A value the schema refuses: wrong at the top, or one property or item wrong deeper down. */
export function malformedValue(schema: JsonSchema, hints: Hints = {}, depth = 0): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    // Wrong for every branch: a type none of them has, or a malformed value of one (may still fit another: harmless).
    const branches: JsonSchema[] = schema.anyOf ?? schema.oneOf;
    const types = new Set(branches.flatMap(typesOf));
    const missing = TYPES.filter((t) => !types.has(t));
    const arbs = branches.map((b) => malformedValue(b, hints, depth));
    if (missing.length > 0) arbs.push(fc.oneof(...missing.map(valueOfType)));
    return fc.oneof(...arbs);
  }
  if (Array.isArray(schema.allOf)) return malformedValue(Object.assign({}, ...schema.allOf), hints, depth);
  const candidates: fc.Arbitrary<unknown>[] = [];
  const wrong = wrongType(schema);
  if (wrong) candidates.push(wrong);
  if (Array.isArray(schema.enum)) candidates.push(fc.oneof(fc.string({ maxLength: SHORT }), nastyString).filter((v) => !schema.enum.includes(v)));
  const types = typesOf(schema);
  if (types.includes('string')) {
    candidates.push(nastyString);
    if (schema.maxLength !== undefined) candidates.push(fc.integer({ min: schema.maxLength + 1, max: schema.maxLength + 64 }).map((n) => 'w'.repeat(n)));
    if ((schema.minLength ?? 0) > 0) candidates.push(fc.constant(''));
  }
  if (types.includes('integer') || types.includes('number')) {
    candidates.push(nastyNumber);
    if (schema.minimum !== undefined) candidates.push(fc.constantFrom(schema.minimum - 1, schema.minimum - 0.5));
    if (schema.maximum !== undefined) candidates.push(fc.constantFrom(schema.maximum + 1, schema.maximum * 10 + 1));
    if (types.includes('integer')) candidates.push(fc.double({ min: -1000, max: 1000, noNaN: true, noInteger: true }));
  }
  if (types.includes('array') && depth < MAX_DEPTH) {
    const item: JsonSchema = schema.items ?? {};
    candidates.push(fc.tuple(fc.array(validValue(item, hints, depth + 1), { maxLength: 2 }), malformedValue(item, hints, depth + 1)).map(([ok, bad]) => [...ok, bad]));
    if (schema.maxItems !== undefined) candidates.push(fc.constant(Array.from({ length: schema.maxItems + 1 }, () => null)));
    if ((schema.minItems ?? 0) > 0) candidates.push(fc.constant([]));
  }
  if (types.includes('object') && depth < MAX_DEPTH) candidates.push(...malformedObjects(schema, hints, depth));
  return candidates.length === 0 ? valueOfType('object') : fc.oneof(...candidates);
}

function malformedObjects(schema: JsonSchema, hints: Hints, depth: number): fc.Arbitrary<unknown>[] {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const names = Object.keys(properties);
  const required: string[] = schema.required ?? [];
  const valid = objectValue(schema, hints, depth) as fc.Arbitrary<Record<string, unknown>>;
  const out: fc.Arbitrary<unknown>[] = [];
  if (required.length > 0) {
    out.push(fc.tuple(valid, fc.constantFrom(...required)).map(([value, dropped]) => {
      const { [dropped]: _gone, ...rest } = value;
      return rest;
    }));
  }
  if (schema.additionalProperties === false) {
    out.push(fc.tuple(valid, fc.constantFrom('extra', 'id', 'status', 'amount_refunded', '__proto__', 'constructor', ''), anyJson).map(([value, key, extra]) => ({ ...value, [key]: extra })));
  }
  if (names.length > 0) {
    out.push(
      fc
        .constantFrom(...names)
        .chain((name) => fc.tuple(valid, fc.constant(name), malformedValue(properties[name]!, hints, depth + 1)))
        .map(([value, name, bad]) => ({ ...value, [name]: bad })),
    );
  }
  return out;
}
