/**
 * UPS's numbers as it writes them: money as decimal strings ("12.34"), weights and dimensions as
 * decimal strings in the units of the origin country. Pure.
 */
import { decimalToMinorUnits } from '../../../platform/money.js';

/**
 * "12.34" → 1234 (integer minor units), exactly; null when it is not a plain decimal. Extra decimals
 * (UPS does not send them) round half away from zero, as this adapter always has.
 */
export function decimalToMinor(value: unknown, currency: string): number | null {
  return decimalToMinorUnits(value, currency, { rounding: 'half-away-from-zero' });
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
