/**
 * FedEx's error bodies (`{transactionId, errors: [{code, message, parameterList?}]}`, on every API)
 * read into one code and message. Pure.
 */

export interface FedexProblem {
  code: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first error's code, with every error's message; null when the body carries none. */
export function fedexProblem(body: unknown): FedexProblem | null {
  if (!isRecord(body) || !Array.isArray(body.errors)) return null;
  const errors = body.errors.filter(isRecord);
  if (errors.length === 0) return null;
  const code = typeof errors[0]!.code === 'string' ? errors[0]!.code : 'UNKNOWN';
  const message = errors
    .map((e) => (typeof e.message === 'string' ? e.message : ''))
    .filter((m) => m !== '')
    .join('; ');
  return { code, message: message || code };
}

/** The problem in a 4xx answer, or one made from its status when FedEx sent no error body. */
export function problemOf(status: number, body: unknown, text: string): FedexProblem {
  return fedexProblem(body) ?? { code: `HTTP_${status}`, message: text.slice(0, 300) || `HTTP ${status}` };
}
