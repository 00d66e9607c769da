/**
 * UPS's error body, the same across its JSON APIs: `{"response":{"errors":[{"code","message"}]}}`
 * (some gateways drop the `response` wrapper: `{"errors":[…]}`). Pure.
 */

export interface UpsError {
  code: string;
  message: string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The first error of a UPS error body, or null when the body is not one. */
export function readUpsError(body: unknown): UpsError | null {
  const root = asRecord(body);
  const wrapper = asRecord(root?.response) ?? root;
  const errors = wrapper?.errors;
  const first = Array.isArray(errors) ? asRecord(errors[0]) : null;
  if (first === null) return null;
  const code = first.code === undefined || first.code === null ? '' : String(first.code);
  const message = typeof first.message === 'string' ? first.message : '';
  return code === '' && message === '' ? null : { code, message };
}

/** All errors of a body as one line (for logs and thrown errors). */
export function describeUpsErrors(body: unknown): string {
  const wrapper = asRecord(asRecord(body)?.response) ?? asRecord(body);
  const errors = Array.isArray(wrapper?.errors) ? wrapper.errors : [];
  const parts = errors.map((e) => asRecord(e)).filter((e) => e !== null).map((e) => `${String(e.code ?? '')} ${String(e.message ?? '')}`.trim());
  return parts.length > 0 ? parts.join('; ') : 'no error details';
}
