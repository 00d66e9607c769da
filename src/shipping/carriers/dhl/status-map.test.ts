import { describe, expect, it } from 'vitest';
import { isIncidentReason, isShipmentStatus } from '../tracking-vocabulary.js';
import { classifyEvent, dhlStatusTable, expressCheckpoint } from './status-map.js';

describe('DHL status table', () => {
  it('maps every row to a status and reason of the vocabulary', () => {
    for (const [key, mapped] of Object.entries(dhlStatusTable)) {
      expect(isShipmentStatus(mapped.status), key).toBe(true);
      if (mapped.reason !== null) expect(isIncidentReason(mapped.reason), key).toBe(true);
    }
  });

  // One line per row: the text (or coarse code) DHL sends → the key it is filed under → what it means.
  const rows: [Record<string, string>, string, string, string | null][] = [
    [{ statusCode: 'pre-transit', description: 'Shipment information received' }, 'pre-transit', 'label_created', null],
    [{ statusCode: 'transit', description: 'Payment is received and recorded for shipment related fees' }, 'transit', 'in_transit', null],
    [{ statusCode: 'delivered', description: 'Shipment handed over' }, 'delivered', 'delivered', null],
    [{ statusCode: 'failure', description: 'Something went wrong' }, 'failure', 'exception', 'other'],
    [{ statusCode: 'unknown', description: 'Status not available' }, 'unknown', 'unknown', null],
    [{ description: 'Shipment picked up' }, 'express:PU', 'in_transit', null],
    [{ description: 'Shipment Accepted' }, 'express:SA', 'in_transit', null],
    [{ description: 'Processed at LEIPZIG - GERMANY' }, 'express:PL', 'in_transit', null],
    [{ description: 'Departed Facility in LEIPZIG - GERMANY' }, 'express:DF', 'in_transit', null],
    [{ description: 'Arrived at Sort Facility CINCINNATI HUB - USA' }, 'express:AF', 'in_transit', null],
    [{ description: 'Arrived at Delivery Facility in NEW YORK - USA' }, 'express:AR', 'in_transit', null],
    [{ description: 'Transferred through BRUSSELS - BELGIUM' }, 'express:TR', 'in_transit', null],
    [{ description: 'Forwarded to third party for delivery' }, 'express:TP', 'in_transit', null],
    [{ description: 'Customs status updated' }, 'express:IC', 'in_transit', null],
    [{ description: 'Clearance processing complete at SOUTHERN ALBERTA - CANADA' }, 'express:CR', 'in_transit', null],
    [{ description: 'Partial delivery' }, 'express:PD', 'in_transit', null],
    [{ statusCode: 'transit', description: 'With delivery courier' }, 'express:WC', 'out_for_delivery', null],
    [{ description: 'Awaiting collection by recipient as requested' }, 'express:CC', 'available_for_pickup', null],
    [{ description: 'Delivered - Signed for by: MOHAMED. HUZEF' }, 'express:OK', 'delivered', null],
    [{ statusCode: 'transit', description: 'Delivery attempted; recipient not home' }, 'express:NH', 'failed_attempt', 'recipient_absent'],
    [{ description: 'Delivery attempted; consignee premises closed' }, 'express:CA', 'failed_attempt', 'business_closed'],
    [{ description: 'Shipment not delivered' }, 'express:ND', 'failed_attempt', 'other'],
    [{ description: 'Delivery refused by the recipient' }, 'express:RD', 'exception', 'refused'],
    [{ description: 'Address information needed; contact DHL' }, 'express:BA', 'exception', 'address_problem'],
    [{ description: 'Recipient moved' }, 'express:CM', 'exception', 'address_problem'],
    [{ description: 'Shipment is on hold; awaiting payment of duties and taxes' }, 'express:HP', 'exception', 'held_for_payment'],
    [{ description: 'Clearance delay' }, 'express:CD', 'exception', 'customs'],
    [{ description: 'Shipment was mis-sorted' }, 'express:MS', 'exception', 'carrier_delay'],
    [{ description: 'Missed delivery cycle' }, 'express:MD', 'exception', 'carrier_delay'],
    [{ statusCode: 'transit', description: 'Shipment on hold' }, 'express:OH', 'exception', 'other'],
    [{ description: 'Shipment damaged' }, 'express:DM', 'exception', 'carrier_damage'],
    [{ statusCode: 'failure', description: 'Returned to shipper' }, 'express:RT', 'returned_to_sender', null],
  ];

  it.each(rows)('%j → %s', (event, key, status, reason) => {
    expect(classifyEvent(event)).toEqual({ code: key, status, reason });
  });

  it('covers every row of the table with a recognisable event', () => {
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(Object.keys(dhlStatusTable)));
  });

  it('lets the checkpoint text win over the coarse status code', () => {
    expect(classifyEvent({ statusCode: 'failure', description: 'Delivery attempted; recipient not home' }).status).toBe('failed_attempt');
    expect(classifyEvent({ statusCode: 'transit', description: 'With delivery courier' }).code).toBe('express:WC');
  });

  it('reads a two-letter checkpoint code in `status`', () => {
    expect(expressCheckpoint({ status: 'WC' })).toBe('WC');
    expect(expressCheckpoint({ status: 'ZZ' })).toBeNull();
  });

  it('maps an unknown code to unknown and keeps the raw code, never a guess', () => {
    expect(classifyEvent({ statusCode: 'teleported', description: 'Beamed to orbit' })).toEqual({ code: 'teleported', status: 'unknown', reason: null });
    expect(classifyEvent({ description: 'Beamed to orbit' })).toEqual({ code: '', status: 'unknown', reason: null });
  });

  it('does not take a place name for a checkpoint', () => {
    expect(classifyEvent({ statusCode: 'transit', description: 'Processed at HOLDENVILLE - USA' }).code).toBe('express:PL');
  });
});
