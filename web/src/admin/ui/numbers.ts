/** Form text to numbers for the API. Pure. */

/** A whole number from a field; NaN for anything else, which the server then refuses with the field named. */
export function wholeNumber(text: string | undefined): number {
  const trimmed = (text ?? '').trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A count in words with its noun ("1 unit", "3 units"). */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? noun : plural}`;
}
