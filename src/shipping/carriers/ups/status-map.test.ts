import { describe, expect, it } from 'vitest';
import { isIncidentReason, isShipmentStatus } from '../tracking-vocabulary.js';
import { mapUpsStatus, upsEventCode, upsStatusKeys, upsStatusTable } from './status-map.js';

/** The row each key is expected to have: [key, status, reason]. */
const expected: [string, string, string | null][] = [
  ['M:MP', 'label_created', null],
  ['I:OT', 'out_for_delivery', null],
  ['D:OT', 'out_for_delivery', null],
  ['I:YP', 'in_transit', null],
  ['X:SR', 'in_transit', null],
  ['sc:003', 'label_created', null],
  ['sc:005', 'in_transit', null],
  ['sc:007', 'cancelled', null],
  ['sc:011', 'delivered', null],
  ['sc:012', 'in_transit', null],
  ['sc:013', 'exception', null],
  ['sc:016', 'exception', 'other'],
  ['sc:017', 'available_for_pickup', null],
  ['sc:019', 'in_transit', 'delayed'],
  ['sc:021', 'out_for_delivery', null],
  ['sc:022', 'failed_attempt', 'recipient_absent'],
  ['sc:027', 'in_transit', null],
  ['sc:028', 'in_transit', null],
  ['sc:038', 'in_transit', null],
  ['sc:048', 'exception', 'carrier_delay'],
  ['sc:051', 'exception', 'weather'],
  ['sc:052', 'exception', 'weather'],
  ['sc:053', 'exception', 'weather'],
  ['sc:054', 'in_transit', null],
  ['sc:071', 'in_transit', null],
  ['M', 'label_created', null],
  ['MV', 'cancelled', null],
  ['P', 'in_transit', null],
  ['I', 'in_transit', null],
  ['U', 'in_transit', null],
  ['O', 'out_for_delivery', null],
  ['D', 'delivered', null],
  ['X', 'exception', null],
  ['RS', 'returned_to_sender', null],
];

describe('UPS status table', () => {
  it('has exactly the rows listed here, each in the vocabulary', () => {
    expect(Object.keys(upsStatusTable).sort()).toEqual(expected.map(([key]) => key).sort());
    for (const [key, status, reason] of expected) {
      expect(upsStatusTable[key], key).toEqual({ status, reason });
      expect(isShipmentStatus(status)).toBe(true);
      if (reason !== null) expect(isIncidentReason(reason)).toBe(true);
    }
  });

  it('tries TYPE:CODE, then the simplified status, then the type', () => {
    expect(upsStatusKeys({ type: 'd', code: 'kb', statusCode: '11' })).toEqual(['D:KB', 'sc:011', 'D']);
    expect(mapUpsStatus({ type: 'I', code: 'OT', statusCode: '005' }).status).toBe('out_for_delivery');
    // "Loaded on delivery vehicle" is filed under D; its simplified status says what it is.
    expect(mapUpsStatus({ type: 'D', code: 'ZZ', statusCode: '021' }).status).toBe('out_for_delivery');
    expect(mapUpsStatus({ type: 'D', code: 'FS', statusCode: '011' }).status).toBe('delivered');
    expect(mapUpsStatus({ type: 'RS', code: 'RS' })).toEqual({ status: 'returned_to_sender', reason: null });
    expect(mapUpsStatus({ type: 'MV', code: 'MV' }).status).toBe('cancelled');
  });

  it('reads the reason of an exception from UPS text, else "other"', () => {
    const exception = (description: string) => mapUpsStatus({ type: 'X', code: 'U2', statusCode: '013', description });
    expect(exception('The address is incorrect. We are attempting to obtain an updated address.')).toEqual({ status: 'exception', reason: 'address_problem' });
    expect(exception('The receiver refused the delivery.')).toEqual({ status: 'exception', reason: 'refused' });
    expect(exception('The package was damaged and will be returned.')).toEqual({ status: 'exception', reason: 'carrier_damage' });
    expect(exception('Severe weather conditions have delayed delivery.')).toEqual({ status: 'exception', reason: 'weather' });
    expect(exception('Your package is being held by customs.')).toEqual({ status: 'exception', reason: 'customs' });
    expect(exception('The receiver was not available for delivery.')).toEqual({ status: 'exception', reason: 'recipient_absent' });
    expect(exception("The receiver's business was closed.")).toEqual({ status: 'exception', reason: 'business_closed' });
    expect(exception('We are unable to locate the package.')).toEqual({ status: 'exception', reason: 'lost' });
    expect(exception('Exception')).toEqual({ status: 'exception', reason: 'other' });
    expect(mapUpsStatus({ type: 'X', code: 'C5', statusCode: '051', description: 'Delay' })).toEqual({ status: 'exception', reason: 'weather' });
    expect(mapUpsStatus({ type: 'X', code: '3J', statusCode: '022', description: 'We missed you.' })).toEqual({ status: 'failed_attempt', reason: 'recipient_absent' });
  });

  it('maps a code it does not know to unknown, never to a guess', () => {
    expect(mapUpsStatus({ type: 'Q', code: 'ZZ', statusCode: '999', description: 'Something new' })).toEqual({ status: 'unknown', reason: null });
    expect(mapUpsStatus({})).toEqual({ status: 'unknown', reason: null });
    expect(upsEventCode({ type: 'Q', code: 'ZZ' })).toBe('Q:ZZ');
  });
});
