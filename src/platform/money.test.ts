import { describe, expect, it } from 'vitest';
import { isCurrencyCode, MoneyOverflowError, multiply, percentOf, sum } from './money.js';

describe('percentOf (basis points, banker\'s rounding)', () => {
  it('computes exact shares', () => {
    expect(percentOf(10_000, 825)).toBe(825);
    expect(percentOf(1999, 10_000)).toBe(1999);
    expect(percentOf(1999, 0)).toBe(0);
    expect(percentOf(0, 825)).toBe(0);
  });

  it('rounds to the nearest unit off the halfway point', () => {
    expect(percentOf(6498, 825)).toBe(536); // 536.085
    expect(percentOf(149, 100)).toBe(1); // 1.49
    expect(percentOf(151, 100)).toBe(2); // 1.51
    expect(percentOf(1, 4999)).toBe(0); // 0.4999
    expect(percentOf(1, 5001)).toBe(1); // 0.5001
  });

  it('rounds exact halves to the even neighbour', () => {
    expect(percentOf(50, 100)).toBe(0); // 0.5
    expect(percentOf(150, 100)).toBe(2); // 1.5
    expect(percentOf(250, 100)).toBe(2); // 2.5
    expect(percentOf(350, 100)).toBe(4); // 3.5
    expect(percentOf(1, 5000)).toBe(0); // 0.5
    expect(percentOf(3, 5000)).toBe(2); // 1.5
  });

  it('rounds negative amounts symmetrically (refunds round like charges)', () => {
    expect(percentOf(-6498, 825)).toBe(-536);
    expect(percentOf(-151, 100)).toBe(-2);
    expect(percentOf(-149, 100)).toBe(-1);
    expect(percentOf(-150, 100)).toBe(-2);
    expect(percentOf(-250, 100)).toBe(-2);
    expect(percentOf(-350, 100)).toBe(-4);
    // Zero is zero, never -0.
    expect(percentOf(-50, 100)).toBe(0);
    expect(percentOf(-1, 4000)).toBe(0);
    expect(percentOf(-1, 0)).toBe(0);
  });

  it('does not drift over many halves', () => {
    let total = 0;
    for (let amount = 50; amount < 100_050; amount += 100) total += percentOf(amount, 100); // x.5 each
    expect(total).toBe(Array.from({ length: 1000 }, (_, i) => i + 0.5).reduce((n, x) => n + x, 0));
  });

  it('throws instead of losing precision', () => {
    expect(() => percentOf(Number.MAX_SAFE_INTEGER, 2)).toThrow(MoneyOverflowError);
    expect(() => percentOf(2 ** 50, 10_000)).toThrow(RangeError);
    expect(percentOf(2 ** 39, 10_000)).toBe(2 ** 39);
  });
});

describe('sum and multiply', () => {
  it('add and multiply integers exactly', () => {
    expect(sum([1999, 2500, 1])).toBe(4500);
    expect(sum([])).toBe(0);
    expect(multiply(1999, 3)).toBe(5997);
  });

  it('throw when the result is past 2^53', () => {
    expect(() => sum([Number.MAX_SAFE_INTEGER, 1])).toThrow(MoneyOverflowError);
    expect(() => multiply(10_000_000_000, 1_000_000)).toThrow(MoneyOverflowError);
    expect(multiply(10_000_000_000, 100_000)).toBe(1e15);
  });
});

describe('isCurrencyCode', () => {
  it('accepts three capital letters only', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    for (const bad of ['usd', 'US', 'USDT', '', '840', 'U$D']) expect(isCurrencyCode(bad), bad).toBe(false);
  });
});

describe('shareOf', () => {
  it('takes a proportional share, rounding half to even', async () => {
    const { shareOf } = await import('./money.js');
    expect(shareOf(825, 1, 2)).toBe(412); // 412.5 → 412 (even)
    expect(shareOf(827, 1, 2)).toBe(414); // 413.5 → 414 (even)
    expect(shareOf(1000, 1, 3)).toBe(333);
    expect(shareOf(1000, 2, 3)).toBe(667);
    expect(shareOf(1000, 3, 3)).toBe(1000);
    expect(shareOf(1000, 0, 3)).toBe(0);
    expect(() => shareOf(1000, 4, 3)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('prints minor units with the currency\'s own number of decimals', async () => {
    const { formatMoney } = await import('./money.js');
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
    expect(formatMoney(1999, 'JPY')).toBe('¥1,999'); // no minor unit
    expect(formatMoney(1999, 'KWD')).toBe('KWD\u00a01.999'); // three decimals; ICU puts a no-break space after a code
    expect(formatMoney(-500, 'EUR')).toBe('-€5.00');
    expect(formatMoney(0, 'GBP')).toBe('£0.00');
    expect(formatMoney(123_456_789, 'USD')).toBe('$1,234,567.89');
  });

  it('prints every cent exactly, although dividing by 100 gives inexact doubles (10.05 is 10.0499…)', async () => {
    const { formatMoney } = await import('./money.js');
    for (let cents = 0; cents < 100_000; cents++) {
      const expected = `$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
      if (formatMoney(cents, 'USD') !== expected) expect(formatMoney(cents, 'USD'), String(cents)).toBe(expected);
    }
  });
});

describe('decimalToMinorUnits', () => {
  it('reads decimal text and numbers into exact minor units, never through a float product', async () => {
    const { decimalToMinorUnits } = await import('./money.js');
    expect(decimalToMinorUnits('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999999999999996
    expect(decimalToMinorUnits(1.15, 'USD')).toBe(115);
    expect(decimalToMinorUnits(4.35, 'USD')).toBe(435);
    expect(decimalToMinorUnits(0.1 + 0.2, 'USD')).toBe(30); // "0.30000000000000004"
    expect(decimalToMinorUnits('12', 'USD')).toBe(1200);
    expect(decimalToMinorUnits('12.5', 'EUR')).toBe(1250);
    expect(decimalToMinorUnits(' 7.10 ', 'USD')).toBe(710);
    expect(decimalToMinorUnits('.5', 'USD')).toBe(50);
    expect(decimalToMinorUnits('5.', 'USD')).toBe(500);
    expect(decimalToMinorUnits('+3', 'USD')).toBe(300);
    expect(decimalToMinorUnits('-3.10', 'USD')).toBe(-310);
    expect(decimalToMinorUnits(1234567.89, 'EUR')).toBe(123456789);
    for (let cents = 0; cents < 10_000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      if (decimalToMinorUnits(Number(text), 'USD') !== cents) expect(decimalToMinorUnits(Number(text), 'USD'), text).toBe(cents);
    }
  });

  it("follows the currency's minor unit", async () => {
    const { decimalToMinorUnits } = await import('./money.js');
    expect(decimalToMinorUnits('1500', 'JPY')).toBe(1500);
    expect(decimalToMinorUnits('1500.5', 'JPY')).toBe(1500); // half to even
    expect(decimalToMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(decimalToMinorUnits('1.234', 'BHD')).toBe(1234);
    expect(decimalToMinorUnits('1.23', 'usd')).toBe(123);
    expect(decimalToMinorUnits('1.23', 'XYZ')).toBe(123); // unknown to Intl: two decimals
    expect(decimalToMinorUnits('1.23', 'not a code')).toBe(123);
  });

  it('rounds extra digits half to even by default, on the digits', async () => {
    const { decimalToMinorUnits } = await import('./money.js');
    expect(decimalToMinorUnits('1.005', 'EUR')).toBe(100);
    expect(decimalToMinorUnits('1.015', 'EUR')).toBe(102);
    expect(decimalToMinorUnits('1.0051', 'EUR')).toBe(101);
    expect(decimalToMinorUnits('1.00500000000000000001', 'EUR')).toBe(101);
    expect(decimalToMinorUnits('1.004999', 'EUR')).toBe(100);
    expect(decimalToMinorUnits('1.006', 'EUR')).toBe(101);
    expect(decimalToMinorUnits('-1.005', 'EUR')).toBe(-100);
    expect(decimalToMinorUnits('-1.015', 'EUR')).toBe(-102);
    expect(decimalToMinorUnits('0.005', 'EUR')).toBe(0);
  });

  it('rounds half away from zero when asked', async () => {
    const { decimalToMinorUnits } = await import('./money.js');
    const up = { rounding: 'half-away-from-zero' } as const;
    expect(decimalToMinorUnits('1.005', 'USD', up)).toBe(101);
    expect(decimalToMinorUnits('1.015', 'USD', up)).toBe(102);
    expect(decimalToMinorUnits('1.0049', 'USD', up)).toBe(100);
    expect(decimalToMinorUnits('-1.005', 'USD', up)).toBe(-101);
    expect(decimalToMinorUnits('12.345', 'USD', up)).toBe(1235);
    expect(decimalToMinorUnits('0.5', 'JPY', up)).toBe(1);
  });

  it('reads numbers JavaScript writes with an exponent', async () => {
    const { decimalToMinorUnits } = await import('./money.js');
    expect(decimalToMinorUnits(1.1e2, 'EUR')).toBe(11000);
    expect(decimalToMinorUnits(1e-7, 'EUR')).toBe(0);
    expect(decimalToMinorUnits(5e-7, 'JPY')).toBe(0);
    expect(decimalToMinorUnits(1e21, 'USD')).toBeNull(); // past 2^53
  });

  it('never gives -0', async () => {
    const { decimalToMinorUnits } = await import('./money.js');
    expect(Object.is(decimalToMinorUnits('-0.00', 'USD'), 0)).toBe(true);
    expect(Object.is(decimalToMinorUnits('-0.004', 'USD'), 0)).toBe(true);
    expect(Object.is(decimalToMinorUnits(-0, 'USD'), 0)).toBe(true);
  });

  it('refuses what is not a plain decimal, and amounts past 2^53', async () => {
    const { decimalToMinorUnits } = await import('./money.js');
    for (const bad of ['', ' ', '.', '-', '+', 'abc', 'twelve', '12,34', '1,234.00', '1.2.3', '$5', '5 USD', '1e2', '0x10', 'Infinity', '--1', '1_000']) {
      expect(decimalToMinorUnits(bad, 'USD'), JSON.stringify(bad)).toBeNull();
    }
    for (const bad of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, true, {}, [], 10n]) {
      expect(decimalToMinorUnits(bad, 'USD'), String(bad)).toBeNull();
    }
    expect(decimalToMinorUnits('90071992547409.91', 'USD')).toBe(Number.MAX_SAFE_INTEGER);
    expect(decimalToMinorUnits('90071992547409.92', 'USD')).toBeNull();
    expect(decimalToMinorUnits('-90071992547409.92', 'USD')).toBeNull();
    expect(decimalToMinorUnits('1'.repeat(400), 'USD')).toBeNull();
  });
});
