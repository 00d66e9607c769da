/**
 * How messages show money, dates and brand colours: the functions behind the templates' `money`,
 * `date` and `cssColor` helpers. Pure: the same input gives the same text on every machine (no
 * locale or time zone of the host leaks in).
 */
import { formatMoney, isCurrencyCode } from '../platform/money.js';

/**
 * Integer minor units in `currency` as people read them: 1999 USD → "$19.99", 1000 JPY → "¥1,000".
 * Throws on anything but a safe integer and an ISO 4217 code: a template that passes the wrong field
 * is a bug to see at once, not a "$NaN" in a customer's inbox.
 */
export function formatAmount(amount: unknown, currency: unknown): string {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) throw new TypeError(`money: ${String(amount)} is not an amount in minor units`);
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) throw new TypeError(`money: ${String(currency)} is not a currency code`);
  return formatMoney(amount, currency);
}

const shortDate = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' });
const longDate = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

export type DateStyle = 'short' | 'long';

/**
 * The calendar day of an RFC 3339 timestamp or an ISO date, in UTC: "Tue, Nov 24" (`short`) or
 * "Tue, Nov 24, 2026" (`long`). UTC because the context carries no time zone of the customer and
 * the text must not depend on the server's; a day-level date is what a customer needs. A value that
 * is not a date is shown as it came (a carrier's odd ETA should not stop the message).
 */
export function formatDate(value: unknown, style: DateStyle = 'short'): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  // Only ISO forms: anything else Date.parse reads by rules of its own, some in the host's zone.
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return text;
  // A date-time without an offset would be read in the host's zone; read it as UTC like the rest.
  const at = Date.parse(LOCAL_DATE_TIME.test(text) ? `${text}Z` : text);
  if (Number.isNaN(at)) return text;
  return (style === 'long' ? longDate : shortDate).format(at);
}

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const FALLBACK_COLOUR = '#111827';

/**
 * A brand colour for a style attribute. Only `#rgb` / `#rrggbb` passes: escaping stops a value from
 * leaving the attribute, but not `red;background:url(…)` from adding rules inside it.
 */
export function cssColor(value: unknown): string {
  return typeof value === 'string' && HEX_COLOUR.test(value) ? value : FALLBACK_COLOUR;
}
