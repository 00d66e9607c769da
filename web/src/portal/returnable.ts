/**
 * What of an order the customer can still send back, as the return page offers it: units of
 * delivered outbound parcels, within the window after their delivery, less what the order's other
 * returns hold (a received one: what arrived; a declined one: nothing), of products the policy lets
 * come back. The same rules as the server's (src/returns/return-request-rules.ts), which still
 * decides: a product marked not returnable on the server is refused there, beside its line. Pure.
 */

const DAY_MS = 86_400_000;

export interface ReturnableFacts {
  lines: ReadonlyArray<{ sku: string; name: string; unit_price: number; quantity_shipped: number }>;
  shipments: ReadonlyArray<{ kind: string; status: string; delivered_at: string | null; lines: ReadonlyArray<{ sku: string; quantity: number }> }>;
  /** The order's returns (any status). */
  returns: ReadonlyArray<{ status: string; lines: ReadonlyArray<{ sku: string; quantity: number; quantity_resellable: number; quantity_damaged: number }> }>;
  windowDays: number;
  nonReturnableSkus: readonly string[];
}

export interface ReturnableLine {
  sku: string;
  name: string;
  unit_price: number;
  delivered: number;
  /** Units other returns already hold. */
  held: number;
  /** What may be asked for now. */
  allowed: number;
  /** When the window of the last delivery of the SKU closes (null: none delivered). */
  windowClosesAt: string | null;
  /** Why nothing (or less) can be returned, in words; null when all delivered units can. */
  note: string | null;
}

/** Once a parcel was opened, what arrived is what the return holds; before, what was asked for. */
const COUNTED_AT_RECEIPT = ['received', 'refunded', 'closed'];

function heldUnits(returns: ReturnableFacts['returns']): Map<string, number> {
  const held = new Map<string, number>();
  for (const r of returns) {
    if (r.status === 'rejected') continue;
    for (const l of r.lines) held.set(l.sku, (held.get(l.sku) ?? 0) + (COUNTED_AT_RECEIPT.includes(r.status) ? l.quantity_resellable + l.quantity_damaged : l.quantity));
  }
  return held;
}

/** One entry per SKU of the order that was shipped, in the order's line order. */
export function returnableLines(facts: ReturnableFacts, now: Date): ReturnableLine[] {
  const held = heldUnits(facts.returns);
  const deliveries = facts.shipments
    .filter((s) => s.kind === 'outbound' && s.status === 'delivered' && s.delivered_at !== null)
    .flatMap((s) => s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, closes: Date.parse(s.delivered_at!) + facts.windowDays * DAY_MS })));
  const bySku = new Map<string, { sku: string; name: string; unit_price: number; shipped: number }>();
  for (const line of facts.lines) {
    const known = bySku.get(line.sku);
    if (known) known.shipped += line.quantity_shipped;
    else bySku.set(line.sku, { sku: line.sku, name: line.name, unit_price: line.unit_price, shipped: line.quantity_shipped });
  }
  const out: ReturnableLine[] = [];
  for (const line of bySku.values()) {
    if (line.shipped === 0) continue;
    const mine = deliveries.filter((d) => d.sku === line.sku);
    const delivered = Math.min(line.shipped, mine.reduce((n, d) => n + d.quantity, 0));
    const inWindow = Math.min(delivered, mine.filter((d) => d.closes >= now.getTime()).reduce((n, d) => n + d.quantity, 0));
    const heldOfSku = held.get(line.sku) ?? 0;
    const remaining = Math.max(0, delivered - heldOfSku);
    const lastClose = mine.reduce<number | null>((m, d) => Math.max(m ?? 0, d.closes), null);
    const windowClosesAt = lastClose === null ? null : new Date(lastClose).toISOString();
    const blocked = facts.nonReturnableSkus.includes(line.sku);
    const allowed = blocked ? 0 : Math.min(inWindow, remaining);
    let note: string | null = null;
    if (blocked) note = 'This item cannot be returned.';
    else if (delivered === 0) note = 'Not delivered yet: you can return it once it has arrived.';
    else if (remaining === 0) note = 'Already in a return.';
    else if (inWindow === 0) note = 'The return window has closed.';
    else if (allowed < delivered) note = heldOfSku > 0 ? `${heldOfSku} already in a return.` : `${delivered - allowed} of them past the return window.`;
    out.push({ sku: line.sku, name: line.name, unit_price: line.unit_price, delivered, held: heldOfSku, allowed, windowClosesAt, note });
  }
  return out;
}

/** Whether anything of the order can still be asked back. */
export function canReturnSomething(facts: ReturnableFacts, now: Date): boolean {
  return returnableLines(facts, now).some((l) => l.allowed > 0);
}
