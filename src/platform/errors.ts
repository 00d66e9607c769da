/**
 * The closed registry of error codes. Capabilities throw `AppError` with one of these; only
 * `platform/http/errors.ts` turns a code into an HTTP status. Each code is part of the public
 * contract (API.md): never rename one.
 */
export const errorCodes = {
  /** The input does not match the schema or a rule on input (unknown SKU, currency mismatch…). */
  validation_failed: 'Validation failed',
  /** The body is not parseable (malformed JSON). */
  malformed_request: 'Malformed request',
  /** The body's Content-Type is not one the route accepts. */
  unsupported_media_type: 'Unsupported media type',
  /** No such object, or one the caller may not know exists (customers never get 403 on others' orders). */
  not_found: 'Not found',
  /** No credentials, or credentials that do not match any key or session. */
  unauthorized: 'Unauthorized',
  /** Valid credentials whose role does not allow this route. */
  forbidden: 'Forbidden',
  /** An order asked for more than is available; `lines` lists every short line. */
  insufficient_stock: 'Insufficient stock',
  /** A state machine does not allow this move; `from`, `to` and `allowed` say what would be allowed. */
  invalid_transition: 'Invalid transition',
  /** The Idempotency-Key was used before with a different request body. */
  idempotency_key_reused: 'Idempotency key reused',
  /** The first request with this Idempotency-Key is still being processed. */
  idempotency_key_in_use: 'Idempotency key in use',
  /** The payment provider declined the payment. */
  payment_declined: 'Payment declined',
  /** Too many requests for this principal; `Retry-After` says when to try again. */
  rate_limited: 'Too many requests',
  /** The body is larger than the configured limit. */
  payload_too_large: 'Payload too large',
  /** The request conflicts with the current state (a duplicate SKU, stock below what is reserved…). */
  conflict: 'Conflict',
  /** A dependency (the database) is not reachable; try again. */
  service_unavailable: 'Service unavailable',
  /** Something unexpected; the body carries an id that is in the server log. */
  internal_error: 'Internal server error',
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra members of the problem document (`lines`, `from`/`to`/`allowed`, `errors`…). */
    readonly extras: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'AppError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export function validationError(errors: FieldError[], detail?: string): AppError {
  return new AppError('validation_failed', detail ?? errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found`);
}
