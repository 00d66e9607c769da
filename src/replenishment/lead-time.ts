/**
 * When goods are due: a lead time of whole days after the order is sent (or, for a draft, made).
 * Which lead time applies to a line is catalog's rule (leadTimeDaysOf: the product's own, else its
 * supplier's); a purchase order is due when its slowest line is.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export function expectedAt(from: Date, leadTimeDays: number): string {
  return new Date(from.getTime() + leadTimeDays * DAY_MS).toISOString();
}
