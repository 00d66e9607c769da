import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';

describe('seeded random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom('SIM000000000000001');
    const b = seededRandom('SIM000000000000001');
    const c = seededRandom('SIM000000000000002');
    const first = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(first);
  });

  it('stays within its ranges and spreads over them', () => {
    const rng = seededRandom('spread');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const f = rng.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = rng.int(3, 7);
      expect(Number.isInteger(n) && n >= 3 && n <= 7).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('never and always at the ends of chance', () => {
    const rng = seededRandom('ends');
    for (let i = 0; i < 500; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
  });

  it('refuses empty lists and empty ranges', () => {
    const rng = seededRandom('x');
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.int(5, 4)).toThrow(RangeError);
    expect(rng.pick(['only'])).toBe('only');
  });
});
