/**
 * Choosing a carrier and service from quotes: the shop's rules first (carrier or service switched
 * off, weight and country limits), then the order's strategy —
 *   cheapest    the lowest amount;
 *   fastest     the earliest delivery date;
 *   best_value  the cheapest that arrives by the promised date (the fastest when none does).
 * Every quote comes back with a note saying why it was chosen or passed over, for the audit.
 * Pure: no I/O; dates are `YYYY-MM-DD` strings.
 */
import type { ShippingRule } from '../config-shipping.js';
import type { RateQuote } from './carriers/carrier.js';

export type Strategy = 'cheapest' | 'fastest' | 'best_value';
export const strategies: readonly Strategy[] = ['cheapest', 'fastest', 'best_value'];

export interface QuoteContext {
  destinationCountry: string;
  /** The heaviest parcel: carriers' weight limits are per package. */
  heaviestParcelGrams: number;
  currency: string;
}

export interface JudgedQuote {
  quote: RateQuote;
  eligible: boolean;
  /** Why a quote is not eligible (a rule, another currency), or null. */
  excludedBy: string | null;
}

function ruleApplies(rule: ShippingRule, quote: RateQuote): boolean {
  return rule.carrier === quote.carrier && (rule.service === undefined || rule.service === quote.service);
}

/** The first rule that excludes the quote, as a note, or null. */
function exclusion(rules: readonly ShippingRule[], quote: RateQuote, ctx: QuoteContext): string | null {
  if (quote.currency !== ctx.currency) return `quoted in ${quote.currency}, the order is in ${ctx.currency}`;
  for (const rule of rules) {
    if (!ruleApplies(rule, quote)) continue;
    const what = rule.service === undefined ? rule.carrier : `${rule.carrier} ${rule.service}`;
    if (rule.enabled === false) return `rule: ${what} is switched off`;
    if (rule.max_weight_grams !== undefined && ctx.heaviestParcelGrams > rule.max_weight_grams) {
      return `rule: ${what} takes parcels up to ${rule.max_weight_grams} g, the heaviest is ${ctx.heaviestParcelGrams} g`;
    }
    if (rule.countries !== undefined && !rule.countries.includes(ctx.destinationCountry)) return `rule: ${what} ships only to ${rule.countries.join(', ')}`;
    if (rule.exclude_countries?.includes(ctx.destinationCountry)) return `rule: ${what} does not ship to ${ctx.destinationCountry}`;
  }
  return null;
}

/** True when no rule switches the whole carrier off (so it is worth asking for quotes at all). */
export function carrierAllowed(rules: readonly ShippingRule[], carrier: string): boolean {
  return !rules.some((r) => r.carrier === carrier && r.service === undefined && r.enabled === false);
}

export function judgeQuotes(quotes: readonly RateQuote[], rules: readonly ShippingRule[], ctx: QuoteContext): JudgedQuote[] {
  return quotes.map((quote) => {
    const excludedBy = exclusion(rules, quote, ctx);
    return { quote, eligible: excludedBy === null, excludedBy };
  });
}

const FAR_FUTURE = '9999-12-31';
const arrival = (q: RateQuote) => q.estimatedDeliveryDate ?? FAR_FUTURE;
const label = (q: RateQuote) => `${q.carrier} ${q.service}`;

function byPrice(a: RateQuote, b: RateQuote): number {
  return a.amount - b.amount || arrival(a).localeCompare(arrival(b)) || label(a).localeCompare(label(b));
}

function bySpeed(a: RateQuote, b: RateQuote): number {
  return arrival(a).localeCompare(arrival(b)) || (a.transitDays ?? 99) - (b.transitDays ?? 99) || a.amount - b.amount || label(a).localeCompare(label(b));
}

export interface Choice {
  quote: RateQuote;
  /** Why this one, in a sentence for the timeline and the audit. */
  reason: string;
}

/** The quote the strategy picks among eligible quotes, or null when there is none. */
export function chooseQuote(strategy: Strategy, quotes: readonly RateQuote[], promisedDate: string | null): Choice | null {
  if (quotes.length === 0) return null;
  const cheapest = [...quotes].sort(byPrice)[0]!;
  const fastest = [...quotes].sort(bySpeed)[0]!;
  if (strategy === 'cheapest') return { quote: cheapest, reason: `cheapest of ${quotes.length} eligible quotes` };
  if (strategy === 'fastest') return { quote: fastest, reason: `earliest delivery (${arrival(fastest)}) of ${quotes.length} eligible quotes` };
  if (promisedDate === null) return { quote: cheapest, reason: 'best value without a promised date: the cheapest' };
  const inTime = quotes.filter((q) => q.estimatedDeliveryDate !== null && q.estimatedDeliveryDate <= promisedDate).sort(byPrice);
  if (inTime.length > 0) return { quote: inTime[0]!, reason: `cheapest of ${inTime.length} quotes arriving by the promised ${promisedDate}` };
  return { quote: fastest, reason: `none arrives by the promised ${promisedDate}: the fastest` };
}

/** Judges, chooses, and writes the note of every quote (why chosen, why passed over). */
export function rateShop(
  strategy: Strategy,
  quotes: readonly RateQuote[],
  rules: readonly ShippingRule[],
  ctx: QuoteContext,
  promisedDate: string | null,
): { choice: Choice | null; notes: Array<{ quote: RateQuote; chosen: boolean; note: string }> } {
  const judged = judgeQuotes(quotes, rules, ctx);
  const choice = chooseQuote(
    strategy,
    judged.filter((j) => j.eligible).map((j) => j.quote),
    promisedDate,
  );
  const notes = judged.map((j) => {
    if (!j.eligible) return { quote: j.quote, chosen: false, note: j.excludedBy! };
    if (choice !== null && j.quote === choice.quote) return { quote: j.quote, chosen: true, note: `chosen (${strategy}): ${choice.reason}` };
    const c = choice!.quote;
    const why =
      strategy === 'fastest'
        ? `arrives ${arrival(j.quote)}, later than or as ${arrival(c)} at a higher price`
        : promisedDate !== null && strategy === 'best_value' && arrival(j.quote) > promisedDate
          ? `arrives ${arrival(j.quote)}, after the promised ${promisedDate}`
          : `costs ${j.quote.amount}, more than or as ${c.amount}`;
    return { quote: j.quote, chosen: false, note: why };
  });
  return { choice, notes };
}
