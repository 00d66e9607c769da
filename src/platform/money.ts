/**
 * The one place money is rounded. Amounts are integer minor units (cents) with an ISO 4217 currency
 * on the owning object; floats never hold money.
 */

/**
 * An amount left the range where a double holds every integer exactly (±2^53). Its own class so
 * that callers can turn it into a 422 for the input that caused it without catching every
 * RangeError (a stack overflow is one too).
 */
export class MoneyOverflowError extends RangeError {
  constructor() {
    super('money amount overflow');
    this.name = 'MoneyOverflowError';
  }
}

/** Sum of integer amounts; throws if a result is no longer an exact integer. */
export function sum(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) total += amount;
  if (!Number.isSafeInteger(total)) throw new MoneyOverflowError();
  return total;
}

export function multiply(unitAmount: number, quantity: number): number {
  const result = unitAmount * quantity;
  if (!Number.isSafeInteger(result)) throw new MoneyOverflowError();
  return result;
}

/**
 * amount × basisPoints / 10,000, rounded half to even (banker's rounding) so that rounding errors
 * do not drift one way over many orders.
 */
export function percentOf(amount: number, basisPoints: number): number {
  const numerator = amount * basisPoints;
  if (!Number.isSafeInteger(numerator)) throw new MoneyOverflowError();
  // `+ 0` turns the -0 that Math.trunc gives for a small negative share (-0.4 → -0) into 0, so
  // that a zero amount is always the same value (Object.is, and what a test or a cache key sees).
  const quotient = Math.trunc(numerator / 10_000) + 0;
  const remainder = numerator - quotient * 10_000;
  const twice = Math.abs(remainder) * 2;
  if (twice < 10_000) return quotient;
  if (twice > 10_000) return quotient + Math.sign(numerator);
  return quotient % 2 === 0 ? quotient : quotient + Math.sign(numerator);
}

/**
 * `amount × part / whole`, rounded half to even: a share of a total (the tax on the lines left
 * after a partial cancellation). `whole` must be positive and `part` within 0…whole.
 */
export function shareOf(amount: number, part: number, whole: number): number {
  if (whole <= 0 || part < 0 || part > whole) throw new RangeError(`share ${part}/${whole} is not a fraction`);
  const numerator = amount * part;
  if (!Number.isSafeInteger(numerator)) throw new MoneyOverflowError();
  const quotient = Math.trunc(numerator / whole) + 0;
  const twice = Math.abs(numerator - quotient * whole) * 2;
  if (twice < whole) return quotient;
  if (twice > whole) return quotient + Math.sign(numerator);
  return quotient % 2 === 0 ? quotient : quotient + Math.sign(numerator);
}

/** Currencies accepted on orders and products (ISO 4217 alphabetic codes). */
export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value);
}

/** An amount in minor units as text for people, with the currency's own number of decimals (JPY none). */
export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
