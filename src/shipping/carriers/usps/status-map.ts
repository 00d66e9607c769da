/**
 * USPS tracking event codes (Publication 199, Appendix G-4 "USPS Domestic Tracking Scan Events",
 * as the Tracking 3.0 `eventCode` carries them) → Waybill's tracking vocabulary. A code this table
 * does not know maps to `unknown` (the caller keeps USPS's code and text), never to a guess. Pure.
 */
import { mapCode, type MappedStatus, type StatusTable } from '../tracking-vocabulary.js';

const row = (status: MappedStatus['status'], reason: MappedStatus['reason'] = null): MappedStatus => Object.freeze({ status, reason });

export const uspsStatusTable: StatusTable = Object.freeze({
  // Before USPS has the parcel.
  GX: row('label_created'), // Shipping Label Created, USPS Awaiting Item
  MA: row('label_created'), // Manifest Acknowledgement (pre-shipment info sent to USPS)

  // Accepted and moving.
  '03': row('in_transit'), // Accept or Pickup (by carrier)
  TM: row('in_transit'), // Truck manifest, shown as "Shipment Acceptance"
  PA: row('in_transit'), // Passive Acceptance, shown as "Shipment Acceptance"
  '10': row('in_transit'), // Processed (at a USPS facility)
  PC: row('in_transit'), // Sorting / Processing Complete
  EF: row('in_transit'), // Departed Sort Facility
  SF: row('in_transit'), // Departed Post Office
  '07': row('in_transit'), // Arrival at Unit (the delivering Post Office)
  '14': row('in_transit'), // Arrival at Pickup Point
  '19': row('in_transit'), // DC eVS Arrive
  '41': row('in_transit'), // Received at Opening Unit
  '42': row('in_transit'), // USPS Handoff to Shipping Partner
  '80': row('in_transit'), // Picked Up by Shipping Partner
  '81': row('in_transit'), // Arrived Shipping Partner Facility
  '82': row('in_transit'), // Departed Shipping Partner Facility
  '06': row('in_transit'), // Forwarded (to the recipient's new address)
  '08': row('in_transit', 'carrier_delay'), // Missent
  '15': row('in_transit', 'carrier_delay'), // Mis-shipped
  '71': row('in_transit', 'delayed'), // Rescheduled to Next Delivery Day

  OF: row('out_for_delivery'), // Out for Delivery

  '01': row('delivered'), // Delivered
  '17': row('delivered'), // Picked Up By Agent
  '43': row('delivered'), // Picked Up (by the recipient, at the Post Office)

  '16': row('available_for_pickup'), // Available for Pickup

  // Attempted, not delivered.
  '02': row('failed_attempt', 'recipient_absent'), // Attempted / Notice Left
  '52': row('failed_attempt', 'recipient_absent'), // Notice Left
  '56': row('failed_attempt', 'recipient_absent'), // No Authorized Recipient Available
  '51': row('failed_attempt', 'business_closed'), // Business Closed
  '53': row('failed_attempt', 'other'), // Receptacle Blocked
  '54': row('failed_attempt', 'other'), // Receptacle Full / Item Oversized
  '55': row('failed_attempt', 'other'), // No Secure Location Available
  '30': row('failed_attempt', 'other'), // Delivery Attempted - No Access to Delivery Location

  // Exceptions.
  '04': row('exception', 'refused'), // Refused
  '05': row('exception', 'address_problem'), // Undeliverable as Addressed
  '11': row('exception', 'lost'), // Dead Letter (neither deliverable nor returnable)
  DX: row('exception', 'carrier_delay'), // Delivery Status Not Updated

  // Going back to the sender.
  '09': row('returned_to_sender'), // Return to Sender
  '44': row('returned_to_sender'), // Customer Recall (the sender intercepted it)
  '21': row('returned_to_sender', 'address_problem'), // No Such Number
  '22': row('returned_to_sender', 'address_problem'), // Insufficient Address
  '23': row('returned_to_sender', 'address_problem'), // Moved, Left No Address
  '24': row('returned_to_sender', 'address_problem'), // Forward Expired
  '25': row('returned_to_sender', 'address_problem'), // Addressee Unknown
  '26': row('returned_to_sender', 'address_problem'), // Vacant
  '27': row('returned_to_sender', 'recipient_absent'), // Unclaimed
  '31': row('returned_to_sender', 'recipient_absent'), // Not Picked Up
  '28': row('returned_to_sender', 'other'), // Deceased
  '29': row('returned_to_sender', 'other'), // Return to Sender - Other
});

/** The table's answer for a USPS `eventCode` (trimmed, upper-cased as the table spells it). */
export function mapUspsEventCode(code: string | null | undefined): MappedStatus {
  return mapCode(uspsStatusTable, typeof code === 'string' ? code.trim().toUpperCase() : code);
}
