/** Reading UPS JSON defensively: UPS sends one object where a list has one element (before v2403). Pure. */

export type Json = Record<string, unknown>;

export function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

/** A list, whether UPS sent an array, a single object, or nothing. */
export function list(value: unknown): Json[] {
  if (Array.isArray(value)) return value.map(record).filter((v): v is Json => v !== null);
  const one = record(value);
  return one === null ? [] : [one];
}

/** A non-empty trimmed string, or null. */
export function str(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `YYYYMMDD` of a UTC instant's date, as UPS writes dates. */
export function compactDate(at: Date): string {
  return at.toISOString().slice(0, 10).replace(/-/g, '');
}
