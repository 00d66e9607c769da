import { describe, expect, it } from 'vitest';
import { fedexEventCode, fedexStatusTable, mapFedexScan } from './status-map.js';

describe('FedEx status table', () => {
  const rows: Array<[string, string | null, string, string | null]> = [
    ['OC', null, 'label_created', null],
    ['PU', null, 'in_transit', null],
    ['AR', null, 'in_transit', null],
    ['DP', null, 'in_transit', null],
    ['AF', null, 'in_transit', null],
    ['IT', null, 'in_transit', null],
    ['CC', null, 'in_transit', null],
    ['OD', null, 'out_for_delivery', null],
    ['ED', null, 'out_for_delivery', null],
    ['DL', null, 'delivered', null],
    ['HL', null, 'available_for_pickup', null],
    ['HP', null, 'available_for_pickup', null],
    ['DE', null, 'exception', null],
    ['DE', '03', 'exception', 'address_problem'],
    ['DE', '07', 'exception', 'refused'],
    ['DE', '08', 'failed_attempt', 'recipient_absent'],
    ['SE', null, 'exception', null],
    ['SE', '03', 'exception', 'address_problem'],
    ['CD', null, 'exception', 'customs'],
    ['DY', null, 'exception', 'carrier_delay'],
    ['DD', null, 'exception', 'carrier_delay'],
    ['CA', null, 'cancelled', null],
    ['RS', null, 'returned_to_sender', null],
  ];

  it.each(rows)('%s (exception %s) → %s / %s', (eventType, exceptionCode, status, reason) => {
    expect(mapFedexScan({ eventType, exceptionCode })).toEqual({ status, reason });
  });

  it('answers every row of the table with the row itself', () => {
    for (const [key, mapped] of Object.entries(fedexStatusTable)) {
      const [eventType, exceptionCode] = key.split(':');
      expect(mapFedexScan({ eventType, exceptionCode })).toEqual(mapped);
    }
  });

  it('maps a code it does not know to unknown, never to a neighbour', () => {
    expect(mapFedexScan({ eventType: 'ZZ' })).toEqual({ status: 'unknown', reason: null });
    expect(mapFedexScan({ eventType: '' })).toEqual({ status: 'unknown', reason: null });
    expect(mapFedexScan({ eventType: null })).toEqual({ status: 'unknown', reason: null });
    // Inherited object keys are not rows.
    expect(mapFedexScan({ eventType: 'toString' })).toEqual({ status: 'unknown', reason: null });
  });

  it('falls back to the event type when the exception code is not in the table', () => {
    expect(mapFedexScan({ eventType: 'DE', exceptionCode: '99' })).toEqual({ status: 'exception', reason: null });
  });

  it('gives weather as the reason of a delay or exception FedEx blames on weather', () => {
    expect(mapFedexScan({ eventType: 'DY', delayType: 'WEATHER' })).toEqual({ status: 'exception', reason: 'weather' });
    expect(mapFedexScan({ eventType: 'SE', delayType: 'WEATHER' })).toEqual({ status: 'exception', reason: 'weather' });
    expect(mapFedexScan({ eventType: 'DD', delayType: 'OPERATIONAL' })).toEqual({ status: 'exception', reason: 'carrier_delay' });
    // A scan that is only in transit stays so, whatever the delay detail says.
    expect(mapFedexScan({ eventType: 'IT', delayType: 'WEATHER' })).toEqual({ status: 'in_transit', reason: null });
  });

  it('composes the stored code from the event type and the exception code', () => {
    expect(fedexEventCode('DE', '08')).toBe('DE:08');
    expect(fedexEventCode('DL', '')).toBe('DL');
    expect(fedexEventCode('DL', null)).toBe('DL');
  });
});
