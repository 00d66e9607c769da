import { describe, expect, it } from 'vitest';
import { isoCurrency, toMinorUnits } from './amounts.js';

describe('FedEx amounts', () => {
  it('reads numbers and strings from their digits, with no float rounding', () => {
    // 1.15 * 100 and 4.35 * 100 are 114.99999999999999 and 434.99999999999994 in floats.
    expect(toMinorUnits(1.15, 'USD')).toBe(115);
    expect(toMinorUnits(4.35, 'USD')).toBe(435);
    expect(toMinorUnits(38.11, 'USD')).toBe(3811);
    expect(toMinorUnits('12.34', 'USD')).toBe(1234);
    expect(toMinorUnits('7', 'USD')).toBe(700);
    expect(toMinorUnits(12.5, 'EUR')).toBe(1250);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits('-3.20', 'USD')).toBe(-320);
  });

  it('rounds half up on the digits past the currency precision', () => {
    expect(toMinorUnits('10.005', 'USD')).toBe(1001);
    expect(toMinorUnits('10.004', 'USD')).toBe(1000);
  });

  it('refuses what is not a plain decimal', () => {
    expect(toMinorUnits('12,34', 'USD')).toBeNull();
    expect(toMinorUnits(null, 'USD')).toBeNull();
    expect(toMinorUnits(Number.NaN, 'USD')).toBeNull();
  });

  it("turns FedEx's own currency codes into ISO 4217", () => {
    expect(isoCurrency('UKL')).toBe('GBP');
    expect(isoCurrency('JYE')).toBe('JPY');
    expect(isoCurrency('usd')).toBe('USD');
  });
});
