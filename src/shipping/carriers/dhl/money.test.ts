import { describe, expect, it } from 'vitest';
import { decimalToMinor } from './money.js';

describe('decimalToMinor', () => {
  it('reads DHL prices exactly, as numbers or text', () => {
    expect(decimalToMinor(25.99, 'EUR')).toBe(2599);
    expect(decimalToMinor(41.2, 'EUR')).toBe(4120);
    expect(decimalToMinor('0.29', 'USD')).toBe(29);
    expect(decimalToMinor(1.1e2, 'EUR')).toBe(11000);
    expect(decimalToMinor(1234567.89, 'EUR')).toBe(123456789);
    expect(decimalToMinor('-3.50', 'EUR')).toBe(-350);
  });

  it('follows the currency’s minor unit', () => {
    expect(decimalToMinor(1500.5, 'JPY')).toBe(1500); // no minor unit: .5 rounds to the even yen
    expect(decimalToMinor(1500, 'JPY')).toBe(1500);
    expect(decimalToMinor('1.234', 'KWD')).toBe(1234);
  });

  it('rounds extra decimals half to even', () => {
    expect(decimalToMinor('1.005', 'EUR')).toBe(100);
    expect(decimalToMinor('1.015', 'EUR')).toBe(102);
    expect(decimalToMinor('1.0051', 'EUR')).toBe(101);
    expect(decimalToMinor(1e-7, 'EUR')).toBe(0);
  });

  it('refuses what is not a decimal number', () => {
    expect(decimalToMinor('12,50', 'EUR')).toBeNull();
    expect(decimalToMinor(null, 'EUR')).toBeNull();
    expect(decimalToMinor(Number.NaN, 'EUR')).toBeNull();
  });
});
