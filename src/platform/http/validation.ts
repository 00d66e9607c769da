/**
 * Request validation. Bodies are checked strictly (no type coercion: "5" is not 5), while query
 * strings and path parameters are coerced, since everything there arrives as text.
 *
 * After the schema, every string of every part (body, query, params) is checked for text no
 * database can store as given: NUL, which PostgreSQL refuses in `text` (a 500 on bad input, found
 * by test/api/bad-input.test.ts), and unpaired UTF-16 surrogates (`"\ud800"` in JSON), which are
 * not Unicode and which both drivers would silently store as U+FFFD — so the name returned would
 * not be the name sent. Both dialects refuse them alike with 422, naming the field.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, removeAdditional: false, ...options });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  representableDateTimes(ajv);
  return ajv;
}

/**
 * `date-time` as RFC 3339 says (ajv-formats) AND as a JavaScript Date can hold it. RFC 3339 allows a
 * leap second (`2026-12-31T23:59:60Z`), which Date cannot parse: `new Date(value).toISOString()` in
 * a route then threw RangeError and `GET /orders?created_from=…T23:59:60Z` answered 500 (found by
 * test/api/bad-input.test.ts). Refusing it here fixes every date-time field at once.
 */
function representableDateTimes(ajv: Ajv): void {
  const rfc3339 = ajv.formats['date-time'];
  const conforms = (value: string): boolean => {
    if (rfc3339 === undefined || rfc3339 === true) return true;
    if (rfc3339 instanceof RegExp) return rfc3339.test(value);
    if (typeof rfc3339 === 'function') return rfc3339(value) === true;
    if (rfc3339.validate instanceof RegExp) return rfc3339.validate.test(value);
    return (rfc3339.validate as (v: string) => boolean)(value) === true;
  };
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => conforms(value) && Number.isFinite(Date.parse(value)) });
}

/** NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_TEXT_ERRORS = 50;

function pointer(segment: string | number): string {
  return `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Every string (values and object keys) that cannot be stored, as AJV-style errors. Iterative: no stack to overflow. */
export function unstorableText(data: unknown): ErrorObject[] {
  const errors: ErrorObject[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value: data, path: '' }];
  while (stack.length > 0 && errors.length < MAX_TEXT_ERRORS) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) {
        errors.push({ instancePath: path, schemaPath: '#/text', keyword: 'text', params: {}, message: 'must not contain NUL characters or unpaired surrogates' });
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: path + pointer(i) });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (UNSTORABLE.test(key)) {
          errors.push({ instancePath: path + pointer(key.replace(UNSTORABLE, '\ufffd')), schemaPath: '#/text', keyword: 'text', params: {}, message: 'the field name must not contain NUL characters or unpaired surrogates' });
        }
        stack.push({ value: (value as Record<string, unknown>)[key], path: path + pointer(key) });
      }
    }
  }
  return errors;
}

/** The schema first; only input that passes it is walked for unstorable text. */
function withTextCheck(validate: ValidateFunction): (data: unknown) => boolean {
  const check = (data: unknown): boolean => {
    if (!validate(data)) {
      check.errors = validate.errors;
      return false;
    }
    const errors = unstorableText(data);
    check.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  };
  check.errors = null as ErrorObject[] | null | undefined;
  return check;
}

export function installValidation(app: FastifyInstance, shared: FastifySchema[] = []): void {
  const bodyAjv = makeAjv({ coerceTypes: false });
  const textAjv = makeAjv({ coerceTypes: 'array' });
  for (const schema of shared) {
    bodyAjv.addSchema(schema as object);
    textAjv.addSchema(schema as object);
  }
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodyAjv : textAjv;
    return withTextCheck(ajv.compile(schema as object));
  });
}
