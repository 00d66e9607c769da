/**
 * DHL's prices to integer minor units, exactly. MyDHL Express sends prices as JSON numbers (`25.99`);
 * JSON.parse gives the double whose shortest text is the digits DHL wrote, so the digits are read
 * back from that text and never multiplied as floats. Pure.
 */
import { MoneyOverflowError } from '../../../platform/money.js';

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Decimal places of a currency's minor unit (JPY 0, EUR 2, KWD 3); 2 when Intl does not know it. */
export function minorUnitDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * `"12.34"` / `12.34` in `currency` → 1234, or null when it is not a decimal number. A price with
 * more decimals than the currency has (DHL does not send them, but a number is a number) is rounded
 * half to even, like the rest of Waybill's money.
 */
export function decimalToMinor(value: unknown, currency: string): number | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  const m = DECIMAL.exec(String(value).trim());
  if (!m) return null;
  const negative = m[1] === '-';
  const digits = m[2]! + (m[3] ?? '');
  const cut = m[2]!.length + Number(m[4] ?? 0) + minorUnitDigits(currency);
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
  if (/[1-9]/.test(rest)) {
    const first = rest[0]!;
    const beyondHalf = /[1-9]/.test(rest.slice(1));
    if (first > '5' || (first === '5' && (beyondHalf || minor % 2n === 1n))) minor += 1n;
  }
  const result = Number(negative ? -minor : minor);
  if (!Number.isSafeInteger(result)) throw new MoneyOverflowError();
  return result + 0;
}
