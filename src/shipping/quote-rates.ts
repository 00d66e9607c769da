/**
 * Asking every enabled carrier for quotes at once. A carrier that fails (an error, a refusal) is
 * left out of the quotes and reported in `errors`; it never fails the others. Carriers the rules
 * switch off entirely are not asked.
 */
import type { ShippingRule } from '../config-shipping.js';
import { CarrierError, type Carrier, type RateQuote, type RateRequest } from './carriers/carrier.js';
import { carrierAllowed } from './rate-choice.js';

export interface QuoteError {
  carrier: string;
  code: string;
  message: string;
}

export async function quoteRates(
  carriers: readonly Carrier[],
  rules: readonly ShippingRule[],
  request: RateRequest,
): Promise<{ quotes: RateQuote[]; errors: QuoteError[] }> {
  const asked = carriers.filter((c) => carrierAllowed(rules, c.name));
  const answers = await Promise.allSettled(asked.map((c) => c.rate(request)));
  const quotes: RateQuote[] = [];
  const errors: QuoteError[] = [];
  answers.forEach((answer, i) => {
    const carrier = asked[i]!.name;
    if (answer.status === 'rejected') {
      const e = answer.reason;
      errors.push({ carrier, code: e instanceof CarrierError ? (e.status === null ? 'unreachable' : `http_${e.status}`) : 'error', message: e instanceof Error ? e.message : String(e) });
    } else if (!answer.value.ok) errors.push({ carrier, code: answer.value.code, message: answer.value.message });
    else quotes.push(...answer.value.quotes.filter((q) => request.services === undefined || request.services.includes(q.service)));
  });
  return { quotes, errors };
}
