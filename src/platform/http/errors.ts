/**
 * The only place an error code becomes an HTTP status, and the error handler that turns every failure
 * into RFC 9457 problem+json. Unknown errors answer a generic 500 whose id is in the log; the client
 * never sees a stack or a message meant for us.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorCodes, validationError, type ErrorCode, type FieldError } from '../errors.js';

export const statusOf: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_request: 400,
  unsupported_media_type: 415,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  insufficient_stock: 409,
  invalid_transition: 409,
  idempotency_key_reused: 422,
  idempotency_key_in_use: 409,
  payment_declined: 402,
  rate_limited: 429,
  payload_too_large: 413,
  conflict: 409,
  service_unavailable: 503,
  internal_error: 500,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  [extra: string]: unknown;
}

export function problemOf(error: AppError, instance?: string): Problem {
  return {
    type: `urn:waybill:problem:${error.code}`,
    title: errorCodes[error.code],
    status: statusOf[error.code],
    detail: error.detail,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...error.extras,
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const problem = problemOf(error, reply.request.url);
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

const MAX_FIELD_ERRORS = 50;

/** Fastify/AJV validation details → our `errors: [{path, message}]` with readable paths. */
function fieldErrors(error: FastifyError): FieldError[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  const prefix = context === 'body' ? '' : context === 'querystring' ? 'query' : context;
  return (error.validation ?? []).slice(0, MAX_FIELD_ERRORS).map((issue) => {
    const segments = issue.instancePath.split('/').filter(Boolean);
    const params = issue.params as Record<string, unknown>;
    if (issue.keyword === 'required' && typeof params.missingProperty === 'string') segments.push(params.missingProperty);
    if (issue.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      segments.push(params.additionalProperty);
    }
    let path = prefix;
    for (const segment of segments) {
      path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
    }
    const message =
      issue.keyword === 'additionalProperties' ? 'is not a known field' : issue.keyword === 'required' ? 'is required' : (issue.message ?? 'is invalid');
    return { path: path || prefix || '(body)', message };
  });
}

/** Maps framework and plugin errors (parsing, limits, validation) to our codes. */
function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const errors = fieldErrors(error);
    return new AppError('validation_failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is larger than this server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_request', 'The body is empty but Content-Type says JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('malformed_request', 'Content-Length does not match the body');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('malformed_request', 'The body is not valid JSON');
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new AppError('malformed_request', 'The request could not be parsed');
  }
  if (error.statusCode === 413) return new AppError('payload_too_large', 'The request body is too large');
  if (error.statusCode === 415) return new AppError('unsupported_media_type', 'Unsupported Content-Type');
  if (error.statusCode === 429) return new AppError('rate_limited', 'Too many requests');
  return null;
}

/**
 * Fastify's `frameworkErrors` option: errors raised before a route is matched, which never reach the
 * error handler. Without it a path that is not valid percent-encoded UTF-8 (`/orders/%E0%A4%A`)
 * answered 400 and an over-long path parameter 414, both as application/json in Fastify's own
 * shape instead of problem+json with one of our codes (found by test/api/bad-input.test.ts).
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  let known: AppError;
  if (error.code === 'FST_ERR_BAD_URL') known = new AppError('malformed_request', 'The URL path is not valid percent-encoded UTF-8');
  else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') known = validationError([{ path: 'params', message: 'is longer than any identifier this server issues' }]);
  else {
    reply.log.error({ err: error }, 'framework error before routing');
    known = new AppError('internal_error', 'Unexpected error before routing');
  }
  void sendProblem(reply, known);
}

export function installErrorHandling(app: FastifyInstance, isUnavailable: (error: unknown) => boolean): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(error);
    if (known) return sendProblem(reply, known);
    if (isUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      void reply.header('Retry-After', '1');
      return sendProblem(reply, new AppError('service_unavailable', 'The database is not reachable; try again shortly'));
    }
    const errorId = randomUUID();
    request.log.error({ err: error, error_id: errorId }, 'unhandled error');
    return sendProblem(reply, new AppError('internal_error', `Unexpected error; quote ${errorId} when reporting it`, { error_id: errorId }));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`)));
}
