import { describe, expect, it } from 'vitest';
import { isIncidentReason, isShipmentStatus, mapCode, UNKNOWN } from '../tracking-vocabulary.js';
import { isSimEventCode, simEventCodes, simEventDescriptions, simStatusTable } from './status-map.js';

describe('sim status map', () => {
  it('maps each sim code to its status and reason', () => {
    const expected: Record<string, [string, string | null]> = {
      LC: ['label_created', null],
      PU: ['in_transit', null],
      AH: ['in_transit', null],
      DH: ['in_transit', null],
      'DY-WX': ['in_transit', 'weather'],
      'DY-CD': ['in_transit', 'carrier_delay'],
      OD: ['out_for_delivery', null],
      'FA-NH': ['failed_attempt', 'recipient_absent'],
      'FA-AD': ['failed_attempt', 'address_problem'],
      'FA-BC': ['failed_attempt', 'business_closed'],
      HP: ['available_for_pickup', null],
      'EX-DM': ['exception', 'carrier_damage'],
      'EX-WX': ['exception', 'weather'],
      'EX-CU': ['exception', 'customs'],
      'EX-LS': ['exception', 'lost'],
      RS: ['returned_to_sender', null],
      DL: ['delivered', null],
    };
    expect([...simEventCodes].sort()).toEqual(Object.keys(expected).sort());
    for (const [code, [status, reason]] of Object.entries(expected)) {
      expect(mapCode(simStatusTable, code), code).toEqual({ status, reason });
    }
  });

  it('maps only to the tracking vocabulary', () => {
    for (const row of Object.values(simStatusTable)) {
      expect(isShipmentStatus(row.status)).toBe(true);
      if (row.reason !== null) expect(isIncidentReason(row.reason)).toBe(true);
    }
  });

  it('keeps a delay in transit rather than making it an exception', () => {
    expect(mapCode(simStatusTable, 'DY-WX').status).toBe('in_transit');
    expect(mapCode(simStatusTable, 'DY-CD').status).toBe('in_transit');
  });

  it('maps codes it does not know to unknown', () => {
    expect(mapCode(simStatusTable, 'ZZ')).toEqual(UNKNOWN);
    expect(mapCode(simStatusTable, 'DY')).toEqual(UNKNOWN);
    expect(mapCode(simStatusTable, 'dl')).toEqual(UNKNOWN);
    expect(mapCode(simStatusTable, 'toString')).toEqual(UNKNOWN);
    expect(mapCode(simStatusTable, null)).toEqual(UNKNOWN);
    expect(isSimEventCode('ZZ')).toBe(false);
  });

  it('has a description for every code', () => {
    for (const code of simEventCodes) expect(simEventDescriptions[code].length, code).toBeGreaterThan(3);
    expect(simEventDescriptions.DL).toBe('Delivered');
  });
});
