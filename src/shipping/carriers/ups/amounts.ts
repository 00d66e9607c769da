/**
 * UPS's numbers as it writes them: money as decimal strings ("12.34"), weights and dimensions as
 * decimal strings in the units of the origin country. Pure.
 */

/** Decimal places of a currency's minor unit (USD 2, JPY 0, BHD 3). */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * "12.34" → 1234 (integer minor units) from the string's digits, so that no float rounding creeps
 * in ("0.29" × 100 is 28.999…). Extra decimals round half up. Null when it is not a plain decimal.
 */
export function decimalToMinor(value: unknown, currency: string): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const decimals = currencyDecimals(currency);
  const fraction = m[3] ?? '';
  const kept = fraction.slice(0, decimals).padEnd(decimals, '0');
  let minor = Number(`${m[2] || '0'}${kept}`);
  if (fraction.length > decimals && Number(fraction[decimals]) >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === '-' && minor !== 0 ? -minor : minor;
}

export interface UnitSystem {
  weight: 'LBS' | 'KGS';
  length: 'IN' | 'CM';
}

/** UPS rates US and Puerto Rico origins in pounds and inches; the rest of the world in kilograms and centimetres. */
export function unitsFor(originCountry: string): UnitSystem {
  return ['US', 'PR'].includes(originCountry.toUpperCase()) ? { weight: 'LBS', length: 'IN' } : { weight: 'KGS', length: 'CM' };
}

/** Rounded UP to one decimal (never declare less than the parcel is), at least 0.1. */
function upToTenth(value: number): string {
  const tenths = Math.max(1, Math.ceil(value * 10 - 1e-9));
  return (tenths / 10).toFixed(1);
}

export function weightText(grams: number, unit: UnitSystem['weight']): string {
  return upToTenth(unit === 'LBS' ? grams / 453.59237 : grams / 1000);
}

export function lengthText(mm: number, unit: UnitSystem['length']): string {
  return upToTenth(unit === 'IN' ? mm / 25.4 : mm / 10);
}
