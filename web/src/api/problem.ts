/**
 * Failures of API calls as one error type: the server's RFC 9457 problem+json (`code`, `detail`,
 * `errors: [{path, message}]` for validation), or a network failure (status 0). Pages show
 * `detail` at the top of a form and each field's message beside it. The whole body stays on the
 * error (`problem`), for the members only some problems have (`allowed` of an invalid_transition).
 */
export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  retry_after?: number;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  /** The problem's stable `code` (`validation_failed`, `unauthorized`…), or `network_error`. */
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];
  /** Seconds to wait before trying again (429 answers). */
  readonly retryAfter: number | null;
  /** The problem as the server sent it, extension members included. */
  readonly problem: ProblemBody;

  constructor(status: number, problem: ProblemBody) {
    const detail = problem.detail ?? problem.title ?? `The server answered ${status}`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? (status === 0 ? 'network_error' : `http_${status}`);
    this.detail = detail;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors.filter((e) => typeof e?.path === 'string' && typeof e?.message === 'string') : [];
    this.retryAfter = typeof problem.retry_after === 'number' ? problem.retry_after : null;
    this.problem = problem;
  }

  /** The message for one form field (`email`, `password`…), when the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.path === field || e.path === `body.${field}`)?.message;
  }
}

/** An ApiError from a failed answer and its parsed body (which may not be a problem at all). */
export function apiErrorOf(status: number, body: unknown): ApiError {
  if (body !== null && typeof body === 'object') return new ApiError(status, body as ProblemBody);
  const text = typeof body === 'string' && body.trim() !== '' && body.length < 300 ? body.trim() : undefined;
  return new ApiError(status, { detail: text ?? `The server answered ${status}` });
}

/** What a page says when the server could not be reached at all. */
export function networkError(): ApiError {
  return new ApiError(0, { code: 'network_error', detail: 'Could not reach the server. Check your connection and try again.' });
}
