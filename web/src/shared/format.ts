/** Dates, money and statuses as people read them, in the browser's language. Pure. */

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day ("Tue, 24 Nov 2026"). ETAs are the end of a day in UTC, so the day is read in UTC: an ETA
 * never shows as the next day east of Greenwich.
 */
export function formatDay(value: string, locale?: string): string {
  const at = dateOnly.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(at);
}

/** A moment, in the viewer's time zone ("24 Nov 2026, 14:05"). */
export function formatMoment(value: string, locale?: string, timeZone?: string): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** Integer minor units with their ISO currency ("$19.99"). */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

const statusLabels: Record<string, string> = {
  pending_payment: 'Awaiting payment',
  placed: 'Order placed',
  processing: 'Being prepared',
  ready_to_ship: 'Ready to ship',
  partially_shipped: 'Partly shipped',
  shipped: 'Shipped',
  label_created: 'Label created',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  available_for_pickup: 'Ready for pickup',
  failed_attempt: 'Delivery attempted',
  exception: 'Delivery problem',
  returned_to_sender: 'Returned to sender',
  returned: 'Returned',
  cancelled: 'Cancelled',
  unknown: 'Status unknown',
};

/** An order or shipment status in words (`in_transit` → "In transit"). */
export function statusLabel(status: string): string {
  return statusLabels[status] ?? status.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}

/** A place at city level: "Austin, TX, US" (what the tracking page may show). */
export function placeOf(place: { city: string | null; region: string | null; country: string | null }): string {
  return [place.city, place.region, place.country].filter((p): p is string => p !== null && p !== '').join(', ');
}
