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
