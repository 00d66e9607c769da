/**
 * The simulated carrier's own event codes, what each means in Waybill's tracking vocabulary, and the
 * text its scans carry. Incident codes have a suffix per reason (FA-NH, EX-DM…) so that one code maps
 * to one status and reason, as a StatusTable row must.
 *
 * A delay (DY-*) stays `in_transit` with its reason set: a late parcel is still moving and needs no
 * one's action, while `exception` is what raises attention; the reason still tells the customer why.
 */
import type { StatusTable } from '../tracking-vocabulary.js';

export const simEventCodes = [
  'LC',
  'PU',
  'AH',
  'DH',
  'DY-WX',
  'DY-CD',
  'OD',
  'FA-NH',
  'FA-AD',
  'FA-BC',
  'HP',
  'EX-DM',
  'EX-WX',
  'EX-CU',
  'EX-LS',
  'RS',
  'DL',
] as const;
export type SimEventCode = (typeof simEventCodes)[number];

export type SimExceptionCode = 'EX-DM' | 'EX-WX' | 'EX-CU' | 'EX-LS';
export type SimDelayCode = 'DY-WX' | 'DY-CD';
export type SimFailedAttemptCode = 'FA-NH' | 'FA-AD' | 'FA-BC';

export const simStatusTable: StatusTable = Object.freeze({
  LC: { status: 'label_created', reason: null },
  PU: { status: 'in_transit', reason: null },
  AH: { status: 'in_transit', reason: null },
  DH: { status: 'in_transit', reason: null },
  'DY-WX': { status: 'in_transit', reason: 'weather' },
  'DY-CD': { status: 'in_transit', reason: 'carrier_delay' },
  OD: { status: 'out_for_delivery', reason: null },
  'FA-NH': { status: 'failed_attempt', reason: 'recipient_absent' },
  'FA-AD': { status: 'failed_attempt', reason: 'address_problem' },
  'FA-BC': { status: 'failed_attempt', reason: 'business_closed' },
  HP: { status: 'available_for_pickup', reason: null },
  'EX-DM': { status: 'exception', reason: 'carrier_damage' },
  'EX-WX': { status: 'exception', reason: 'weather' },
  'EX-CU': { status: 'exception', reason: 'customs' },
  'EX-LS': { status: 'exception', reason: 'lost' },
  RS: { status: 'returned_to_sender', reason: null },
  DL: { status: 'delivered', reason: null },
} satisfies Record<SimEventCode, StatusTable[string]>);

/** What a scan of each code says, as the sim sends it (the `description` of a CarrierEvent). */
export const simEventDescriptions: Readonly<Record<SimEventCode, string>> = Object.freeze({
  LC: 'Shipping label created, awaiting pickup',
  PU: 'Picked up',
  AH: 'Arrived at Waybill Sim hub',
  DH: 'Departed Waybill Sim hub',
  'DY-WX': 'Delayed by weather, moving as soon as conditions allow',
  'DY-CD': 'Delayed in our network, will move on the next available transport',
  OD: 'Out for delivery',
  'FA-NH': 'Delivery attempted: recipient not available',
  'FA-AD': 'Delivery attempted: address could not be found or is incomplete',
  'FA-BC': 'Delivery attempted: business closed',
  HP: 'Held at a pickup point for the recipient to collect',
  'EX-DM': 'Package damaged in transit, being repackaged',
  'EX-WX': 'Severe weather has stopped the package',
  'EX-CU': 'Held by customs for inspection',
  'EX-LS': 'Package could not be located and is declared lost',
  RS: 'Returned to sender',
  DL: 'Delivered',
});

export function isSimEventCode(code: string): code is SimEventCode {
  return (simEventCodes as readonly string[]).includes(code);
}
