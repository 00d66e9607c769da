import { describe, expect, it } from 'vitest';
import { everythingCameBack } from './returned-units.js';

const line = (quantity: number, shipped: number, cancelled: number, returned: number) => ({ quantity, shipped, cancelled, returned });

describe('everythingCameBack', () => {
  it('is true once every shipped unit came back and nothing is left to ship', () => {
    expect(everythingCameBack([line(2, 2, 0, 2), line(1, 1, 0, 1)])).toBe(true);
    // Cancelled units never shipped, so they need not come back.
    expect(everythingCameBack([line(3, 2, 1, 2)])).toBe(true);
  });

  it('is false while a shipped unit is still out, or a unit is still to ship', () => {
    expect(everythingCameBack([line(2, 2, 0, 1)])).toBe(false);
    expect(everythingCameBack([line(2, 2, 0, 2), line(1, 0, 0, 0)])).toBe(false);
  });

  it('is false for an order that never shipped anything', () => {
    expect(everythingCameBack([line(1, 0, 1, 0)])).toBe(false);
    expect(everythingCameBack([])).toBe(false);
  });
});
