/**
 * One tracking vocabulary for every carrier: the shipment statuses of API.md and the reason behind an
 * incident. Each adapter maps its carrier's codes through a table of its own (`status-map.ts` in its
 * folder) with `mapCode`; a code the table does not know maps to `unknown` with the raw text kept by
 * the caller, never to a guess. Pure: no I/O.
 */
export const shipmentStatuses = [
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'available_for_pickup',
  'failed_attempt',
  'exception',
  'returned_to_sender',
  'cancelled',
  'unknown',
] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

export const incidentReasons = [
  'carrier_damage',
  'address_problem',
  'recipient_absent',
  'refused',
  'customs',
  'weather',
  'lost',
  'delayed',
  'business_closed',
  'held_for_payment',
  'carrier_delay',
  'other',
] as const;
export type IncidentReason = (typeof incidentReasons)[number];

export interface MappedStatus {
  status: ShipmentStatus;
  reason: IncidentReason | null;
}

/** A carrier's table: its code (as the adapter composes it) → status and reason. */
export type StatusTable = Readonly<Record<string, MappedStatus>>;

export const UNKNOWN: MappedStatus = Object.freeze({ status: 'unknown', reason: null });

/** The table's answer for `code`, or `unknown` when the table has no row for it. */
export function mapCode(table: StatusTable, code: string | null | undefined): MappedStatus {
  if (code === null || code === undefined) return UNKNOWN;
  return Object.hasOwn(table, code) ? table[code]! : UNKNOWN;
}

export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (shipmentStatuses as readonly string[]).includes(value);
}

export function isIncidentReason(value: string): value is IncidentReason {
  return (incidentReasons as readonly string[]).includes(value);
}
