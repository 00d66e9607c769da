import { describe, expect, it } from 'vitest';
import { decimalToMinor, lengthText, unitsFor, weightText } from './amounts.js';
import { readUpsError } from './errors.js';
import { activityInstant, etaInstant, offsetBetween, upsInstant } from './times.js';

describe('UPS numbers', () => {
  it('turns UPS money text into exact minor units', () => {
    expect(decimalToMinor('0.29', 'USD')).toBe(29);
    expect(decimalToMinor('1234.57', 'USD')).toBe(123457);
    expect(decimalToMinor('12', 'USD')).toBe(1200);
    expect(decimalToMinor('12.5', 'EUR')).toBe(1250);
    expect(decimalToMinor('12.345', 'USD')).toBe(1235);
    expect(decimalToMinor('1500', 'JPY')).toBe(1500);
    expect(decimalToMinor('-3.10', 'USD')).toBe(-310);
    expect(decimalToMinor('twelve', 'USD')).toBeNull();
    expect(decimalToMinor('', 'USD')).toBeNull();
  });

  it('writes weights and lengths rounded up, in the origin units', () => {
    expect(unitsFor('US')).toEqual({ weight: 'LBS', length: 'IN' });
    expect(unitsFor('de')).toEqual({ weight: 'KGS', length: 'CM' });
    expect(weightText(453.59237, 'LBS')).toBe('1.0');
    expect(weightText(454, 'LBS')).toBe('1.1');
    expect(weightText(10, 'KGS')).toBe('0.1');
    expect(lengthText(254, 'IN')).toBe('10.0');
    expect(lengthText(305, 'CM')).toBe('30.5');
  });

  it('reads UPS error bodies, wrapped or not', () => {
    expect(readUpsError({ response: { errors: [{ code: '111210', message: 'x' }] } })).toEqual({ code: '111210', message: 'x' });
    expect(readUpsError({ errors: [{ code: 'UJ0001', message: 'Invalid token or token is not present.' }] })).toEqual({ code: 'UJ0001', message: 'Invalid token or token is not present.' });
    expect(readUpsError({ RateResponse: {} })).toBeNull();
    expect(readUpsError('<html>')).toBeNull();
  });
});

describe('UPS timestamps', () => {
  it('prefers the GMT fields, in each form UPS writes them', () => {
    // The local fields here are deliberately another moment: only the GMT reading is right.
    const local = { date: '20261124', time: '024700' };
    expect(activityInstant({ ...local, gmtDate: '20261124', gmtTime: '07:47:00' })).toBe('2026-11-24T07:47:00.000Z');
    expect(activityInstant({ ...local, gmtDate: '20261124', gmtTime: '074700' })).toBe('2026-11-24T07:47:00.000Z');
    expect(activityInstant({ ...local, gmtDate: '20261124', gmtTime: '74700' })).toBe('2026-11-24T07:47:00.000Z');
  });

  it('falls back to local time at gmtOffset, and to UTC when UPS gives no offset', () => {
    expect(activityInstant({ date: '20261122', time: '213000', gmtOffset: '-06:00' })).toBe('2026-11-23T03:30:00.000Z');
    expect(activityInstant({ date: '20261122', time: '213000' })).toBe('2026-11-22T21:30:00.000Z');
    expect(activityInstant({ date: 'soon' })).toBeNull();
    expect(upsInstant('20240423', '095004', -240)).toBe('2024-04-23T13:50:04.000Z');
  });

  it('derives offsets and ETAs', () => {
    expect(offsetBetween('2024-04-22T21:29:01.000Z', '2024-04-23T01:29:01.000Z')).toBe(-240);
    expect(etaInstant('20261125', '170000', -300)).toBe('2026-11-25T22:00:00.000Z');
    expect(etaInstant('20261125', null, -300)).toBe('2026-11-25T23:59:59.999Z');
    expect(etaInstant('', '170000', 0)).toBeNull();
  });
});
