/**
 * What a product's reorder settings mean once its demand is known: the demand-based quantity of the
 * `auto` policy (average daily units × lead time + safety stock) and how many days the stock on
 * hand covers. Pure. It lives in the catalog, beside the settings it interprets, because two
 * capabilities apply it and neither may import the other's rules: inventory's low-stock view and
 * replenishment's purchase orders (replenishment/demand.ts), which imports inventory.
 *
 * Demand is given as the net units reserved for orders over a window of whole days, not as an
 * average: the suggestion is then computed in integers, so 30 units over 30 days for a 7-day lead
 * time suggest exactly 7 (a float average of 1 × 7 can come out as 7.000000001 and round up to 8).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first instant of a demand window of `windowDays` ending at `now`. */
export function demandWindowStart(now: Date, windowDays: number): string {
  return new Date(now.getTime() - windowDays * DAY_MS).toISOString();
}

export interface Demand {
  /** Units reserved for orders minus units released from them, over the window (may be ≤ 0). */
  netUnits: number;
  /** Whole days the units were counted over (≥ 1). */
  windowDays: number;
}

/** Units a day, never negative: more released than reserved in a window is no demand at all. */
export function averageDailyDemand(demand: Demand): number {
  return Math.max(0, demand.netUnits) / demand.windowDays;
}

/** ceil(average daily demand × lead time + safety stock), exactly. */
export function suggestedReorderQuantity(demand: Demand, leadTimeDays: number, safetyStock: number): number {
  const units = Math.max(0, demand.netUnits) * leadTimeDays;
  return Math.floor((units + demand.windowDays - 1) / demand.windowDays) + safetyStock;
}

/**
 * Days until `available` runs out at the average daily demand, to one decimal; null when nothing
 * sells (no demand: the stock lasts indefinitely, which no number says honestly).
 */
export function daysOfCover(available: number, demand: Demand): number | null {
  if (demand.netUnits <= 0) return null;
  if (available <= 0) return 0;
  return Math.round((available * demand.windowDays * 10) / demand.netUnits) / 10;
}

/** A product's own lead time wins over its supplier's; 0 on the product means "the supplier's". */
export function leadTimeDaysOf(productDays: number, supplierDays: number | null): number {
  return productDays > 0 ? productDays : (supplierDays ?? 0);
}
