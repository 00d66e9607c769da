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

const minorDigitsByCurrency = new Map<string, number>();

/** Decimal places of a currency's minor unit (USD 2, JPY 0, KWD 3); 2 when Intl does not know the code. */
function minorUnitDigits(currency: string): number {
  let digits = minorDigitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorDigitsByCurrency.set(currency, digits);
  }
  return digits;
}

/**
 * How digits past the currency's minor unit are rounded. `half-even` is Waybill's rule (see
 * percentOf); `half-away-from-zero` is the schoolbook rule some carriers' own totals follow
 * (1.005 → 1.01, -1.005 → -1.01).
 */
export type DecimalRounding = 'half-even' | 'half-away-from-zero';

// Sign, whole digits, fraction digits, exponent (the exponent only as JavaScript writes some numbers).
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * A decimal amount (`"12.34"`, `12.34`, `"7"`, `".5"`) in `currency` → integer minor units (1234),
 * exactly: the digits are moved by the currency's exponent (JPY 0, USD 2, KWD 3) as text, never
 * multiplied as a float ("0.29" × 100 is 28.999…). A number is read from its shortest round-trip
 * text (JSON's `38.11` is "38.11"), so also in exponent form (`1e-7`); a string must be a plain
 * decimal (no exponent, no thousands separators). Digits past the minor unit are rounded (half to
 * even unless told otherwise). Null when the value is not a decimal number or the result is not a
 * safe integer; never -0.
 */
export function decimalToMinorUnits(value: unknown, currency: string, options: { rounding?: DecimalRounding } = {}): number | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  const m = DECIMAL.exec(text);
  if (!m || (typeof value === 'string' && m[4] !== undefined)) return null;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return null;
  const digits = whole + fraction;
  // Where the decimal point falls once the amount is in minor units.
  const cut = whole.length + Number(m[4] ?? 0) + minorUnitDigits(currency);
  let kept: string;
  let rest: string;
  if (cut <= 0) {
    kept = '0';
    rest = '0'.repeat(-cut) + digits;
  } else if (cut >= digits.length) {
    kept = digits + '0'.repeat(cut - digits.length);
    rest = '';
  } else {
    kept = digits.slice(0, cut);
    rest = digits.slice(cut);
  }
  let minor = BigInt(kept);
  const first = rest[0] ?? '0';
  if (first > '5') minor += 1n;
  else if (first === '5') {
    const pastHalf = /[1-9]/.test(rest.slice(1));
    if ((options.rounding ?? 'half-even') === 'half-away-from-zero' || pastHalf || minor % 2n === 1n) minor += 1n;
  }
  const result = Number(m[1] === '-' ? -minor : minor);
  return Number.isSafeInteger(result) ? result + 0 : null;
}
