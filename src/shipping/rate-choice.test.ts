import { describe, expect, it } from 'vitest';
import type { RateQuote } from './carriers/carrier.js';
import { carrierAllowed, chooseQuote, judgeQuotes, rateShop } from './rate-choice.js';

const q = (carrier: RateQuote['carrier'], service: string, amount: number, date: string, transitDays = 3, currency = 'USD'): RateQuote => ({
  carrier,
  service,
  serviceName: service,
  amount,
  currency,
  transitDays,
  estimatedDeliveryDate: date,
});

const quotes = [q('sim', 'ground', 800, '2026-11-27', 5), q('ups', 'ground', 950, '2026-11-26', 4), q('sim', 'express', 1700, '2026-11-24', 2), q('fedex', 'priority_overnight', 4200, '2026-11-23', 1)];
const ctx = { destinationCountry: 'US', heaviestParcelGrams: 1200, currency: 'USD' };

describe('rate choice', () => {
  it('cheapest takes the lowest amount, fastest the earliest date', () => {
    expect(chooseQuote('cheapest', quotes, null)!.quote.amount).toBe(800);
    expect(chooseQuote('fastest', quotes, null)!.quote.service).toBe('priority_overnight');
  });

  it('best_value takes the cheapest that arrives by the promised date, else the fastest', () => {
    expect(chooseQuote('best_value', quotes, '2026-11-26')!.quote).toMatchObject({ carrier: 'ups', amount: 950 });
    expect(chooseQuote('best_value', quotes, '2026-11-24')!.quote).toMatchObject({ service: 'express' });
    const late = chooseQuote('best_value', quotes, '2026-11-20')!;
    expect(late.quote.service).toBe('priority_overnight');
    expect(late.reason).toContain('none arrives');
  });

  it('breaks price ties by arrival, then by name, so the choice is stable', () => {
    const tied = [q('ups', 'ground', 800, '2026-11-27'), q('sim', 'ground', 800, '2026-11-26')];
    expect(chooseQuote('cheapest', tied, null)!.quote.carrier).toBe('sim');
  });

  it('no eligible quote is no choice', () => {
    expect(chooseQuote('cheapest', [], null)).toBeNull();
  });

  it('rules switch carriers and services off and apply weight and country limits', () => {
    const rules = [
      { carrier: 'fedex', enabled: false },
      { carrier: 'sim', service: 'ground', max_weight_grams: 1000 },
      { carrier: 'ups', countries: ['CA'] },
    ];
    const judged = judgeQuotes(quotes, rules, ctx);
    expect(judged.map((j) => j.eligible)).toEqual([false, false, true, false]);
    expect(judged[0]!.excludedBy).toContain('1000 g');
    expect(judged[1]!.excludedBy).toContain('only to CA');
    expect(judged[3]!.excludedBy).toContain('switched off');
    expect(carrierAllowed(rules, 'fedex')).toBe(false);
    expect(carrierAllowed(rules, 'sim')).toBe(true);
    expect(judgeQuotes(quotes, [{ carrier: 'sim', exclude_countries: ['US'] }], ctx)[0]!.excludedBy).toContain('does not ship to US');
  });

  it('quotes in another currency are kept but never compared', () => {
    const judged = judgeQuotes([q('dhl', 'express_worldwide', 100, '2026-11-24', 2, 'EUR')], [], ctx);
    expect(judged[0]).toMatchObject({ eligible: false });
    expect(judged[0]!.excludedBy).toContain('EUR');
  });

  it('writes a note for every quote: why chosen, why passed over', () => {
    const { choice, notes } = rateShop('best_value', quotes, [{ carrier: 'fedex', enabled: false }], ctx, '2026-11-26');
    expect(choice!.quote.carrier).toBe('ups');
    expect(notes.filter((n) => n.chosen)).toHaveLength(1);
    expect(notes.find((n) => n.quote.service === 'priority_overnight')!.note).toContain('switched off');
    expect(notes.find((n) => n.quote.carrier === 'sim' && n.quote.service === 'ground')!.note).toContain('after the promised');
    expect(notes.find((n) => n.quote.service === 'express')!.note).toContain('more than');
  });
});
