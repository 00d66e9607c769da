/**
 * Waybill's units to USPS's and back. Pure.
 *  - Weights and lengths: Waybill holds grams and millimetres; USPS prices pounds and inches as
 *    decimals. We round UP to a tenth (a parcel declared lighter than it is gets a postage-due
 *    surcharge) and never go below a tenth.
 *  - Money: USPS sends prices as JSON numbers (`7.64`) or strings; we read their decimal digits,
 *    never multiply a float, so 8.02 is 802 cents exactly.
 *  - ZIP Codes: USPS wants the 5-digit ZIP Code (`ZIPCode`) and the +4 separately.
 */
import { decimalToMinorUnits } from '../../../platform/money.js';

const GRAMS_PER_POUND = 453.59237;
const MM_PER_INCH = 25.4;
// A conversion that lands exactly on a tenth (453.59237 g = 1 lb) must not round up to the next
// one because of binary floating point.
const EPSILON = 1e-9;

function upToTenth(value: number): number {
  const tenths = Math.max(1, Math.ceil(value * 10 - EPSILON));
  return tenths / 10;
}

export function gramsToPounds(grams: number): number {
  return upToTenth(grams / GRAMS_PER_POUND);
}

export function mmToInches(mm: number): number {
  return upToTenth(mm / MM_PER_INCH);
}

/**
 * A decimal amount of dollars (`8.02`, `"12.3"`, `7`) → integer cents, or null when it is not a
 * plain decimal. More than two decimals round half away from zero on the digits, not on a float.
 */
export function decimalToMinor(value: unknown): number | null {
  return decimalToMinorUnits(value, 'USD', { rounding: 'half-away-from-zero' });
}

/** `63118-2628`, `631182628`, `63118` → { zip5, plus4 } (plus4 null when absent). */
export function splitZip(postalCode: string | null | undefined): { zip5: string; plus4: string | null } {
  const digits = (postalCode ?? '').replace(/[^0-9]/g, '');
  return { zip5: digits.slice(0, 5), plus4: digits.length >= 9 ? digits.slice(5, 9) : null };
}

/** A person's name as USPS's `firstName` / `lastName` pair (the last word is the family name). */
export function splitName(name: string | null | undefined): { firstName: string; lastName: string } {
  const words = (name ?? '').trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return { firstName: '', lastName: '' };
  if (words.length === 1) return { firstName: '', lastName: words[0]! };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}
