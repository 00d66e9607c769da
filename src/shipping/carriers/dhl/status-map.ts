/**
 * DHL's tracking statuses → Waybill's vocabulary. Pure.
 *
 * The Unified Shipment Tracking API gives every event a coarse `statusCode` (`pre-transit`,
 * `transit`, `delivered`, `failure`, `unknown`) and, for DHL Express, the Express checkpoint's
 * standard English text in `description` ("With delivery courier", "Delivery attempted; recipient
 * not home"…) but not the checkpoint code itself. Where that text names a checkpoint, the checkpoint
 * says much more than the coarse code (an out-for-delivery scan is only "transit"), so:
 *
 *   key = `express:<checkpoint>`  when the event's text (or a two-letter `status`) names a known
 *                                 DHL Express checkpoint (PU, PL, DF, AF, AR, WC, OK, NH, CA, BA…);
 *   key = `<statusCode>`          otherwise (`transit`, `failure`…);
 *   unknown                       when neither is in the table; the raw text stays in `description`.
 *
 * Checkpoint codes and meanings: DHL Express checkpoint code reference (the two-letter event
 * `typeCode`s of MyDHL API tracking); texts as the Unified API sends them for Express shipments.
 * Tracking is requested with `language=en` so the texts are the English ones matched here.
 */
import { mapCode, UNKNOWN, type MappedStatus, type StatusTable } from '../tracking-vocabulary.js';

function row(status: MappedStatus['status'], reason: MappedStatus['reason'] = null): MappedStatus {
  return Object.freeze({ status, reason });
}

export const dhlStatusTable: StatusTable = Object.freeze({
  // The Unified API's coarse codes, used when no checkpoint is recognisable.
  'pre-transit': row('label_created'),
  transit: row('in_transit'),
  delivered: row('delivered'),
  failure: row('exception', 'other'),
  unknown: row('unknown'),
  // DHL Express checkpoints.
  'express:PU': row('in_transit'), // shipment picked up
  'express:SA': row('in_transit'), // shipment acceptance
  'express:PL': row('in_transit'), // processed at location
  'express:DF': row('in_transit'), // departed facility
  'express:AF': row('in_transit'), // arrived at (sort) facility
  'express:AR': row('in_transit'), // arrival in delivery facility
  'express:TR': row('in_transit'), // record of transfer ("transferred through")
  'express:TP': row('in_transit'), // forwarded to a third party for delivery
  'express:IC': row('in_transit'), // in clearance processing / customs status updated
  'express:CR': row('in_transit'), // clearance release
  'express:PD': row('in_transit'), // partial delivery: the rest of the pieces are still travelling
  'express:WC': row('out_for_delivery'), // with delivering courier
  'express:CC': row('available_for_pickup'), // awaiting consignee collection
  'express:OK': row('delivered'),
  'express:NH': row('failed_attempt', 'recipient_absent'), // not home
  'express:CA': row('failed_attempt', 'business_closed'), // closed on arrival
  'express:ND': row('failed_attempt', 'other'), // not delivered
  'express:RD': row('exception', 'refused'), // refused delivery
  'express:BA': row('exception', 'address_problem'), // bad address
  'express:CM': row('exception', 'address_problem'), // customer moved
  'express:HP': row('exception', 'held_for_payment'), // held for payment (duties, taxes)
  'express:CD': row('exception', 'customs'), // clearance delay
  'express:MS': row('exception', 'carrier_delay'), // mis-sort
  'express:MD': row('exception', 'carrier_delay'), // missed delivery cycle
  'express:OH': row('exception', 'other'), // on hold
  'express:DM': row('exception', 'carrier_damage'), // damaged
  'express:RT': row('returned_to_sender'), // returned to consignor
});

/**
 * Checkpoint texts, most specific first: the incident texts come before the generic ones they
 * contain ("Shipment on hold; awaiting payment" is HP before it is OH; "Delivery attempted;
 * recipient not home" is NH before ND). Texts that end in a place name are anchored at the start.
 */
export const expressCheckpointTexts: readonly (readonly [RegExp, string])[] = Object.freeze([
  [/returned to (the )?(shipper|consignor|sender)/i, 'RT'],
  [/refused/i, 'RD'],
  [/damage/i, 'DM'],
  [/not home/i, 'NH'],
  [/premises closed|business closed|closed on arrival/i, 'CA'],
  [/(consignee|recipient|customer) (has )?moved/i, 'CM'],
  [/bad address|incorrect address|address information needed|incomplete address/i, 'BA'],
  [/awaiting payment|held for payment|pending payment/i, 'HP'],
  [/clearance delay|customs delay/i, 'CD'],
  [/mis-?sort|mis-?rout/i, 'MS'],
  [/missed delivery/i, 'MD'],
  [/on hold/i, 'OH'],
  [/partial delivery|partially delivered/i, 'PD'],
  [/not delivered|delivery attempted/i, 'ND'],
  [/awaiting (consignee )?collection|ready for (pickup|collection)|available for (pickup|collection)/i, 'CC'],
  [/with delivery courier|with delivering courier|out for delivery/i, 'WC'],
  [/^delivered\b/i, 'OK'],
  [/picked up/i, 'PU'],
  [/^shipment accept/i, 'SA'],
  [/^processed at\b/i, 'PL'],
  [/^departed\b|has departed/i, 'DF'],
  [/^arrived at (dhl )?delivery facility/i, 'AR'],
  [/^arrived at\b/i, 'AF'],
  [/^transferred through\b/i, 'TR'],
  [/third party|3rd party/i, 'TP'],
  [/^clearance processing complete|clearance release/i, 'CR'],
  [/clearance processing|customs status updated|clearance event|in clearance/i, 'IC'],
]);

/** The fields of a Unified API event (or `status`) that the mapping reads. */
export interface DhlStatusFields {
  statusCode?: string | null;
  status?: string | null;
  description?: string | null;
  statusDetailed?: string | null;
}

/** The Express checkpoint an event names, or null. */
export function expressCheckpoint(event: DhlStatusFields): string | null {
  const status = typeof event.status === 'string' ? event.status.trim() : '';
  if (/^[A-Z]{2}$/.test(status) && Object.hasOwn(dhlStatusTable, `express:${status}`)) return status;
  for (const text of [event.description, event.status, event.statusDetailed]) {
    if (typeof text !== 'string' || text.trim() === '') continue;
    for (const [pattern, checkpoint] of expressCheckpointTexts) if (pattern.test(text.trim())) return checkpoint;
  }
  return null;
}

export interface ClassifiedEvent extends MappedStatus {
  /** The key looked up (`express:WC`, `transit`), or the raw status when nothing matched. */
  code: string;
}

export function classifyEvent(event: DhlStatusFields): ClassifiedEvent {
  const checkpoint = expressCheckpoint(event);
  if (checkpoint !== null) {
    const key = `express:${checkpoint}`;
    return { code: key, ...mapCode(dhlStatusTable, key) };
  }
  const coarse = typeof event.statusCode === 'string' ? event.statusCode : null;
  if (coarse !== null && Object.hasOwn(dhlStatusTable, coarse)) return { code: coarse, ...mapCode(dhlStatusTable, coarse) };
  return { code: coarse ?? (typeof event.status === 'string' ? event.status : ''), ...UNKNOWN };
}
