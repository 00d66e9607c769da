import { describe, expect, it } from 'vitest';
import { chooseReorderQuantity } from './demand.js';

describe('the quantity a purchase order orders', () => {
  it('is the configured quantity under the fixed policy, the suggested one under auto', () => {
    expect(chooseReorderQuantity({ policy: 'fixed', configured: 50, suggested: 19, minOrderQuantity: 0 })).toBe(50);
    expect(chooseReorderQuantity({ policy: 'auto', configured: 50, suggested: 19, minOrderQuantity: 0 })).toBe(19);
  });

  it("is never below the supplier's minimum order quantity", () => {
    expect(chooseReorderQuantity({ policy: 'fixed', configured: 10, suggested: 19, minOrderQuantity: 24 })).toBe(24);
    expect(chooseReorderQuantity({ policy: 'auto', configured: 50, suggested: 19, minOrderQuantity: 24 })).toBe(24);
    expect(chooseReorderQuantity({ policy: 'auto', configured: 50, suggested: 30, minOrderQuantity: 24 })).toBe(30);
  });

  it('is never 0 when a reorder is due', () => {
    expect(chooseReorderQuantity({ policy: 'fixed', configured: 0, suggested: 0, minOrderQuantity: 0 })).toBe(1);
    expect(chooseReorderQuantity({ policy: 'auto', configured: 40, suggested: 0, minOrderQuantity: 0 })).toBe(1);
  });
});

