/**
 * Does an answer keep the route's documented contract? Never a 5xx; a status the route documents;
 * a JSON body that validates against the documented schema for that status (problems against the
 * Problem schema, as application/problem+json with a `code`); a non-JSON answer (PDF, event stream,
 * HTML) only its status and content type, its bytes are not JSON Schema's business.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Operation } from './openapi-document.js';
import type { JsonSchema } from './schema-arbitrary.js';

function makeAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  // Typed for CommonJS, called as the server calls it (src/platform/http/validation.ts).
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

export interface Received {
  status: number;
  contentType: string;
  /** The body as text; null when it was not read (an event stream never ends). */
  text: string | null;
}

export class ResponseChecker {
  private readonly ajv = makeAjv();
  private readonly compiled = new Map<JsonSchema, ValidateFunction>();

  constructor(private readonly problemSchema: JsonSchema) {}

  private validator(schema: JsonSchema): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }

  private validate(schema: JsonSchema, value: unknown): string | null {
    const validate = this.validator(schema);
    if (validate(value)) return null;
    return this.ajv.errorsText(validate.errors, { dataVar: 'body' });
  }

  /** What is wrong with the answer, or null when it keeps the contract. */
  check(operation: Operation, answer: Received): string | null {
    if (answer.status >= 500) return `answered ${answer.status}`;
    const documented = operation.responses[String(answer.status)];
    if (documented === undefined) return `answered ${answer.status}, which ${operation.key} does not document (documented: ${Object.keys(operation.responses).join(', ')})`;
    const mediaType = answer.contentType.split(';')[0]!.trim().toLowerCase();
    if (answer.status >= 400) return this.checkProblem(answer, mediaType);
    if (answer.status === 204 || answer.status === 304) return answer.text ? `a ${answer.status} with a body` : null;
    if (answer.status >= 300) return null;
    const types = Object.keys(documented);
    if (types.length === 0) return null;
    if (mediaType.endsWith('json')) {
      const schema = documented['application/json'] ?? documented[mediaType];
      if (schema === undefined) return `answered ${mediaType}, documented: ${types.join(', ')}`;
      const body = parse(answer.text);
      if (body === UNPARSEABLE) return `answered ${mediaType} that is not JSON: ${answer.text?.slice(0, 120)}`;
      const wrong = this.validate(schema, body);
      return wrong === null ? null : `the ${answer.status} body does not match its schema: ${wrong}`;
    }
    if (!types.includes(mediaType)) return `answered ${mediaType || 'no content type'}, documented: ${types.join(', ')}`;
    return null;
  }

  private checkProblem(answer: Received, mediaType: string): string | null {
    if (mediaType !== 'application/problem+json') return `a ${answer.status} as ${mediaType || 'no content type'}, not application/problem+json`;
    const body = parse(answer.text);
    if (body === UNPARSEABLE) return `a problem that is not JSON: ${answer.text?.slice(0, 120)}`;
    const wrong = this.validate(this.problemSchema, body);
    if (wrong !== null) return `the problem does not match the Problem schema: ${wrong}`;
    const problem = body as { status: unknown; code: unknown };
    if (problem.status !== answer.status) return `the problem says status ${String(problem.status)} on a ${answer.status}`;
    if (typeof problem.code !== 'string' || problem.code === '') return 'a problem without a code';
    return null;
  }
}

const UNPARSEABLE = Symbol('unparseable');

function parse(text: string | null): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return UNPARSEABLE;
  }
}
