/**
 * `GET /orders/{id}/rates`: what every enabled carrier quotes for what the order still has to ship,
 * per warehouse, and what each strategy would pick. Nothing is bought or stored.
 */
import { AppError, notFound } from '../platform/errors.js';
import { findOrderRow } from '../orders/index.js';
import type { Static } from '@sinclair/typebox';
import { destinationOf, promisedDateOf } from './buy-shipments.js';
import { quoteRates } from './quote-rates.js';
import { rateShop, strategies, type Strategy } from './rate-choice.js';
import { planShipments } from './shipment-plan.js';
import type { RatesAnswerSchema } from './shipment.schemas.js';
import type { ShippingDeps } from './shipping-deps.js';

type RatesAnswer = Static<typeof RatesAnswerSchema>;

export async function ratesForOrder(deps: ShippingDeps, idOrNumber: string): Promise<RatesAnswer> {
  const order = await findOrderRow(deps.db, idOrNumber);
  if (order === null) throw notFound(`Order ${idOrNumber}`);
  if (order.status === 'cancelled') throw new AppError('conflict', 'The order is cancelled: nothing ships');
  const plans = await deps.db.transaction().execute((trx) => planShipments(trx, { boxes: deps.boxes, shopName: deps.shopName }, order.id));
  const preferred = (JSON.parse(order.shipping) as { strategy: Strategy }).strategy;
  const promised = promisedDateOf(order, deps.settings.promiseDays);
  const destination = destinationOf(order);
  const answer: RatesAnswer = { data: [], picks: { cheapest: [], fastest: [], best_value: [] }, promised_date: promised, errors: [] };
  for (const plan of plans) {
    const { quotes, errors } = await quoteRates(deps.carriers.all, deps.settings.rules, { origin: plan.origin, destination, parcels: plan.parcels, currency: order.currency, shipDate: deps.clock.now() });
    answer.errors.push(...errors);
    const ctx = { destinationCountry: destination.country, heaviestParcelGrams: Math.max(0, ...plan.parcels.map((p) => p.weight_grams)), currency: order.currency };
    for (const strategy of strategies) {
      const { choice, notes } = rateShop(strategy, quotes, deps.settings.rules, ctx, promised);
      if (choice !== null) {
        const q = choice.quote;
        answer.picks[strategy].push({ warehouse: plan.warehouse.code, carrier: q.carrier, service: q.service, amount: q.amount, currency: q.currency, estimated_delivery_date: q.estimatedDeliveryDate, reason: choice.reason });
      }
      if (strategy !== preferred) continue;
      for (const n of notes) {
        answer.data.push({
          warehouse: plan.warehouse.code,
          carrier: n.quote.carrier,
          service: n.quote.service,
          service_name: n.quote.serviceName,
          amount: n.quote.amount,
          currency: n.quote.currency,
          estimated_delivery_date: n.quote.estimatedDeliveryDate,
          transit_days: n.quote.transitDays,
          eligible: !n.note.startsWith('rule:') && n.quote.currency === order.currency,
          note: n.note,
        });
      }
    }
  }
  return answer;
}
