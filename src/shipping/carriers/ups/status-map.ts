/**
 * UPS tracking statuses → Waybill's tracking vocabulary. Pure.
 *
 * UPS describes a scan three ways, from finest to coarsest, and the table has rows keyed each way:
 *  - `TYPE:CODE`: the activity status type and its two-character code (`I:OT` out for delivery,
 *    `X:SR` released by customs). Track API `status.type` + `status.code`; Track Alert
 *    `activityStatus.type` + `activityStatus.code`.
 *  - `sc:NNN`: UPS's three-digit simplified status (Track API `status.statusCode`, Track Alert
 *    `activityStatus.descriptionCode`: 003 ready for UPS, 005 on the way, 011 delivered, 021 out for
 *    delivery…), as listed in UPS's status code reference (UPS-API/api-documentation#7).
 *  - `TYPE` alone: D delivery, I on the way, M manifest, MV manifest void, P pickup, U updated
 *    delivery date, X exception, RS returned to shipper, O out for delivery.
 * The first key the table has wins; none → `unknown` (the caller keeps UPS's code and text).
 * The type alone is last because UPS files "loaded on the delivery vehicle" under D as well.
 *
 * Most UPS exceptions share one simplified status (013 "Exception") and carry no reason in their
 * row; the reason is then read from UPS's description by `reasonHints`, a second table of phrases
 * UPS uses ("other" when none matches).
 */
import { mapCode, type IncidentReason, type MappedStatus, type ShipmentStatus, type StatusTable } from '../tracking-vocabulary.js';

const row = (status: ShipmentStatus, reason: IncidentReason | null = null): MappedStatus => Object.freeze({ status, reason });

export const upsStatusTable: StatusTable = Object.freeze({
  // TYPE:CODE — scans whose two-character code says more than their type.
  'M:MP': row('label_created'), // Shipment Ready for UPS (label created, billing information received)
  'I:OT': row('out_for_delivery'), // Out for Delivery
  'D:OT': row('out_for_delivery'), // Out for Delivery (filed under delivery information)
  'I:YP': row('in_transit'), // Preparing for Delivery
  'X:SR': row('in_transit'), // Your package was released by the customs agency

  // sc:NNN — UPS's simplified status of a scan.
  'sc:003': row('label_created'), // Shipment Ready for UPS
  'sc:005': row('in_transit'), // In Transit / On the Way
  'sc:007': row('cancelled'), // Shipment Information Voided
  'sc:011': row('delivered'), // Delivered
  'sc:012': row('in_transit'), // Clearance in Progress
  'sc:013': row('exception'), // Exception (reason from the description)
  'sc:016': row('exception', 'other'), // Held in Warehouse, pending instructions
  'sc:017': row('available_for_pickup'), // Held for Customer Pickup
  'sc:019': row('in_transit', 'delayed'), // Held for Future Delivery / Delivery Rescheduled
  'sc:021': row('out_for_delivery'), // Out for Delivery Today
  'sc:022': row('failed_attempt', 'recipient_absent'), // First Attempt Made: "We missed you"
  'sc:027': row('in_transit'), // Delivery Address Change Requested
  'sc:028': row('in_transit'), // Delivery Address Changed
  'sc:038': row('in_transit'), // Picked Up
  'sc:048': row('exception', 'carrier_delay'), // Delay
  'sc:051': row('exception', 'weather'), // Delay: Emergency Situation or Severe Weather
  'sc:052': row('exception', 'weather'), // Delay: Severe Weather
  'sc:053': row('exception', 'weather'), // Delay: Severe Weather
  'sc:054': row('in_transit'), // Delivery Change Requested
  'sc:071': row('in_transit'), // Preparing for Delivery

  // TYPE — the activity status type alone.
  M: row('label_created'), // Manifest (billing information received)
  MV: row('cancelled'), // Manifest void (billing information voided)
  P: row('in_transit'), // Pickup
  I: row('in_transit'), // In transit / on the way
  U: row('in_transit'), // Updated delivery date or time
  O: row('out_for_delivery'), // Out for delivery
  D: row('delivered'), // Delivered
  X: row('exception'), // Exception (reason from the description)
  RS: row('returned_to_sender'), // Returned to shipper
});

/** Phrases of UPS exception texts → the reason, in the order they are tried. */
export const reasonHints: readonly (readonly [RegExp, IncidentReason])[] = Object.freeze([
  [/weather|natural disaster|emergency situation/i, 'weather'],
  [/customs|clearance|brokerage|import (?:duty|tax)|duties/i, 'customs'],
  [/address|street number|apartment|suite number|postal code|zip code/i, 'address_problem'],
  [/refused|declined/i, 'refused'],
  [/damage/i, 'carrier_damage'],
  [/business (?:was )?closed|closed on|closed for/i, 'business_closed'],
  [/not available|not home|unavailable|missed you|no one/i, 'recipient_absent'],
  [/payment|cod amount|collect/i, 'held_for_payment'],
  [/lost|unable to locate|cannot be located|missing/i, 'lost'],
  [/delay|\blate\b|rescheduled|mechanical/i, 'carrier_delay'],
] as const);

export interface UpsStatusFields {
  type?: unknown;
  code?: unknown;
  /** Track API `statusCode` / Track Alert `descriptionCode`. */
  statusCode?: unknown;
  description?: unknown;
}

function upper(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toUpperCase() : null;
}

/** `sc:005` from `005`, `05` or `5`. */
function categoryKey(value: unknown): string | null {
  const v = typeof value === 'number' ? String(value) : upper(value);
  return v !== null && /^\d{1,3}$/.test(v) ? `sc:${v.padStart(3, '0')}` : null;
}

/** The keys of one scan, finest first, as the table spells them. */
export function upsStatusKeys(fields: UpsStatusFields): string[] {
  const type = upper(fields.type);
  const code = upper(fields.code);
  const category = categoryKey(fields.statusCode);
  return [type && code ? `${type}:${code}` : null, category, type].filter((key): key is string => key !== null);
}

/** The code Waybill keeps for a scan: `TYPE:CODE` (`D:KB`), or the type alone. */
export function upsEventCode(fields: UpsStatusFields): string {
  const type = upper(fields.type) ?? '';
  const code = upper(fields.code);
  return code ? `${type}:${code}` : type;
}

function reasonFromText(description: unknown): IncidentReason | null {
  if (typeof description !== 'string') return null;
  return reasonHints.find(([pattern]) => pattern.test(description))?.[1] ?? null;
}

/** The table's answer for one UPS scan. */
export function mapUpsStatus(fields: UpsStatusFields): MappedStatus {
  const key = upsStatusKeys(fields).find((k) => Object.hasOwn(upsStatusTable, k));
  const mapped = mapCode(upsStatusTable, key);
  // A row's own reason is UPS's word; the description fills in only where the row has none.
  if ((mapped.status !== 'exception' && mapped.status !== 'failed_attempt') || mapped.reason !== null) return mapped;
  return row(mapped.status, reasonFromText(fields.description) ?? 'other');
}
