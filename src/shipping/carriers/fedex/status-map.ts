/**
 * FedEx scan codes → Waybill's tracking vocabulary. Pure.
 *
 * Keys are a scan's `eventType` (FedEx's tracking status codes, as listed in its "Tracking Status
 * Codes" reference), optionally refined by the scan's `exceptionCode` as `"DE:08"`. A refined key
 * wins over the bare event type; a bare event type the table does not list maps to `unknown`.
 * The derived status codes FedEx also sends are coarser (an out-for-delivery scan derives `IT`), so
 * the event type is what the table reads.
 */
import { mapCode, type IncidentReason, type MappedStatus, type StatusTable } from '../tracking-vocabulary.js';

const row = (status: MappedStatus['status'], reason: IncidentReason | null = null): MappedStatus => Object.freeze({ status, reason });

export const fedexStatusTable: StatusTable = Object.freeze({
  // Label and pickup
  OC: row('label_created'), // Order created / shipment information sent to FedEx
  OX: row('label_created'), // Shipment information sent to USPS
  PU: row('in_transit'), // Picked up
  PX: row('in_transit'), // Picked up (see details)
  // Movement
  AA: row('in_transit'), // At airport
  AC: row('in_transit'), // At Canada Post facility
  AE: row('in_transit'), // Shipment arriving early
  AF: row('in_transit'), // At local FedEx facility
  AO: row('in_transit'), // Shipment arriving on time
  AR: row('in_transit'), // Arrived at FedEx location
  AX: row('in_transit'), // At USPS facility
  CC: row('in_transit'), // Cleared customs
  CP: row('in_transit'), // Clearance in progress
  DP: row('in_transit'), // Departed
  EA: row('in_transit'), // Enroute to airport / export approved
  FD: row('in_transit'), // At FedEx destination
  IT: row('in_transit'), // In transit
  IX: row('in_transit'), // In transit (see details)
  LO: row('in_transit'), // Left origin
  OF: row('in_transit'), // At FedEx origin facility
  OW: row('in_transit'), // On the way
  PF: row('in_transit'), // Plane in flight
  PL: row('in_transit'), // Plane landed
  PM: row('in_transit'), // In progress
  SF: row('in_transit'), // At sort facility
  TR: row('in_transit'), // Transfer
  // Delivery
  AD: row('out_for_delivery'), // At delivery
  ED: row('out_for_delivery'), // Enroute to delivery
  OD: row('out_for_delivery'), // Out for delivery
  DL: row('delivered'),
  HL: row('available_for_pickup'), // Hold at location
  HP: row('available_for_pickup'), // Ready for recipient pickup
  // Exceptions. FedEx's exception codes refine the reason: 03 incorrect address, 07 refused by
  // recipient, 08 customer not available or business closed (a failed attempt, re-attempted).
  DE: row('exception'),
  'DE:03': row('exception', 'address_problem'),
  'DE:07': row('exception', 'refused'),
  'DE:08': row('failed_attempt', 'recipient_absent'),
  SE: row('exception'),
  'SE:03': row('exception', 'address_problem'),
  'SE:07': row('exception', 'refused'),
  CD: row('exception', 'customs'), // Clearance delay
  DD: row('exception', 'carrier_delay'), // Delivery delay
  DY: row('exception', 'carrier_delay'), // Delay
  PD: row('exception', 'carrier_delay'), // Pickup delay
  CA: row('cancelled'), // Shipment cancelled
  RS: row('returned_to_sender'), // Return to shipper
});

/** The code as Waybill stores it: the event type, refined by the exception code when FedEx sent one. */
export function fedexEventCode(eventType: string, exceptionCode: string | null | undefined): string {
  const exception = exceptionCode?.trim();
  return exception ? `${eventType}:${exception}` : eventType;
}

export interface FedexScanCodes {
  eventType: string | null | undefined;
  exceptionCode?: string | null;
  /** FedEx's `delayDetail.type` (WEATHER, OPERATIONAL, …) on a delayed scan. */
  delayType?: string | null;
}

/** The table's answer for one scan: the refined key first, then the event type alone. */
export function mapFedexScan(scan: FedexScanCodes): MappedStatus {
  const eventType = scan.eventType?.trim();
  if (!eventType) return mapCode(fedexStatusTable, null);
  const refined = fedexEventCode(eventType, scan.exceptionCode);
  const mapped = Object.hasOwn(fedexStatusTable, refined) ? fedexStatusTable[refined]! : mapCode(fedexStatusTable, eventType);
  // FedEx says why a scan is late in a field of its own; weather is the reason shops act on.
  if (mapped.status === 'exception' && scan.delayType?.toUpperCase() === 'WEATHER') return row('exception', 'weather');
  return mapped;
}
