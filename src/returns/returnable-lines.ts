/**
 * What of an order may still come back, line by line, as the return forms offer it (portal and
 * admin): the same arithmetic the request is checked with (return-request-rules.ts), on the
 * server's clock, so a page never offers what the request would refuse. Pure: no I/O.
 */
import type { Static } from '@sinclair/typebox';
import type { ReturnSettings } from '../config-returns.js';
import { isNonReturnableSku } from './return-policy.js';
import { returnableOf, type ReturnRequestFacts } from './return-request-rules.js';
import type { ReturnableSchema } from './return.schemas.js';

/** One line of the answer (ReturnableSchema, the documented shape). */
export type ReturnableLine = Static<typeof ReturnableSchema>['lines'][number];
/** Why fewer units than were delivered (or none) can be asked for now. */
export type ReturnableNote = NonNullable<ReturnableLine['note']>;

function noteOf(r: ReturnType<typeof returnableOf>, blocked: boolean): ReturnableNote | null {
  if (blocked) return 'non_returnable';
  if (r.delivered === 0) return 'not_delivered';
  if (r.remaining === 0) return 'in_other_returns';
  if (r.inWindow === 0) return 'window_closed';
  if (r.allowed < r.delivered) return r.held > 0 ? 'partly_in_other_returns' : 'partly_past_window';
  return null;
}

/** One entry per shipped SKU of the order, in the order's line order. */
export function returnableLines(settings: Pick<ReturnSettings, 'windowDays' | 'nonReturnableSkus'>, facts: ReturnRequestFacts, now: Date): ReturnableLine[] {
  const out: ReturnableLine[] = [];
  for (const [sku, line] of facts.orderLines) {
    if (line.quantity_shipped === 0) continue;
    const r = returnableOf(settings, facts, sku, now);
    const blocked = facts.products.get(sku)?.returnable === false || isNonReturnableSku(settings.nonReturnableSkus, sku);
    out.push({
      sku,
      name: line.name,
      unit_price: line.unit_price,
      delivered: r.delivered,
      held: r.held,
      allowed: blocked ? 0 : r.allowed,
      window_closes_at: r.windowClosesAt,
      note: noteOf(r, blocked),
    });
  }
  return out;
}
