import { describe, expect, it } from 'vitest';
import { incidentReasons, shipmentStatuses } from '../tracking-vocabulary.js';
import { mapUspsEventCode, uspsStatusTable } from './status-map.js';

/** The table as the vocabulary should read it, written out so that any change shows here. */
const expected: Record<string, [string, string | null]> = {
  GX: ['label_created', null],
  MA: ['label_created', null],
  '03': ['in_transit', null],
  TM: ['in_transit', null],
  PA: ['in_transit', null],
  '10': ['in_transit', null],
  PC: ['in_transit', null],
  EF: ['in_transit', null],
  SF: ['in_transit', null],
  '07': ['in_transit', null],
  '14': ['in_transit', null],
  '19': ['in_transit', null],
  '41': ['in_transit', null],
  '42': ['in_transit', null],
  '80': ['in_transit', null],
  '81': ['in_transit', null],
  '82': ['in_transit', null],
  '06': ['in_transit', null],
  '08': ['in_transit', 'carrier_delay'],
  '15': ['in_transit', 'carrier_delay'],
  '71': ['in_transit', 'delayed'],
  OF: ['out_for_delivery', null],
  '01': ['delivered', null],
  '17': ['delivered', null],
  '43': ['delivered', null],
  '16': ['available_for_pickup', null],
  '02': ['failed_attempt', 'recipient_absent'],
  '52': ['failed_attempt', 'recipient_absent'],
  '56': ['failed_attempt', 'recipient_absent'],
  '51': ['failed_attempt', 'business_closed'],
  '53': ['failed_attempt', 'other'],
  '54': ['failed_attempt', 'other'],
  '55': ['failed_attempt', 'other'],
  '30': ['failed_attempt', 'other'],
  '04': ['exception', 'refused'],
  '05': ['exception', 'address_problem'],
  '11': ['exception', 'lost'],
  DX: ['exception', 'carrier_delay'],
  '09': ['returned_to_sender', null],
  '44': ['returned_to_sender', null],
  '21': ['returned_to_sender', 'address_problem'],
  '22': ['returned_to_sender', 'address_problem'],
  '23': ['returned_to_sender', 'address_problem'],
  '24': ['returned_to_sender', 'address_problem'],
  '25': ['returned_to_sender', 'address_problem'],
  '26': ['returned_to_sender', 'address_problem'],
  '27': ['returned_to_sender', 'recipient_absent'],
  '31': ['returned_to_sender', 'recipient_absent'],
  '28': ['returned_to_sender', 'other'],
  '29': ['returned_to_sender', 'other'],
};

describe('USPS status table', () => {
  it('has exactly the expected rows', () => {
    expect(Object.keys(uspsStatusTable).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('maps event code %s', (code, [status, reason]) => {
    expect(mapUspsEventCode(code)).toEqual({ status, reason });
  });

  it('uses only the vocabulary', () => {
    for (const row of Object.values(uspsStatusTable)) {
      expect(shipmentStatuses).toContain(row.status);
      if (row.reason !== null) expect(incidentReasons).toContain(row.reason);
    }
  });

  it('maps a code it does not know to unknown, never a guess', () => {
    expect(mapUspsEventCode('ZZ')).toEqual({ status: 'unknown', reason: null });
    expect(mapUspsEventCode('')).toEqual({ status: 'unknown', reason: null });
    expect(mapUspsEventCode(null)).toEqual({ status: 'unknown', reason: null });
    // Not inherited object keys either.
    expect(mapUspsEventCode('constructor')).toEqual({ status: 'unknown', reason: null });
  });

  it('reads codes whatever their case and padding', () => {
    expect(mapUspsEventCode(' of ')).toEqual({ status: 'out_for_delivery', reason: null });
  });
});
