import { describe, expect, it } from 'vitest';
import { readLabelResponse } from './labels.js';
import { findBoundary, parseMultipart } from './multipart.js';
import { eventInstant, expectedDelivery, gmtOffsetMinutes } from './tracking.js';
import { decimalToMinor, gramsToPounds, mmToInches, splitName, splitZip } from './units.js';

describe('USPS units', () => {
  it('rounds weights up to a tenth of a pound, never below one tenth', () => {
    expect(gramsToPounds(453.59237)).toBe(1);
    expect(gramsToPounds(454)).toBe(1.1);
    expect(gramsToPounds(2000)).toBe(4.5);
    expect(gramsToPounds(1)).toBe(0.1);
    expect(gramsToPounds(0)).toBe(0.1);
  });

  it('rounds lengths up to a tenth of an inch', () => {
    expect(mmToInches(25.4)).toBe(1);
    expect(mmToInches(254)).toBe(10);
    expect(mmToInches(300)).toBe(11.9);
    expect(mmToInches(1)).toBe(0.1);
  });

  it('reads decimal dollars into exact cents', () => {
    expect(decimalToMinor(8.02)).toBe(802);
    expect(decimalToMinor(0.1 + 0.2)).toBe(30);
    expect(decimalToMinor('12.3')).toBe(1230);
    expect(decimalToMinor(7)).toBe(700);
    expect(decimalToMinor('1.005')).toBe(101);
    expect(decimalToMinor(-0.5)).toBe(-50);
    expect(decimalToMinor('abc')).toBeNull();
    expect(decimalToMinor(null)).toBeNull();
  });

  it('splits ZIP+4 and names the way USPS wants them', () => {
    expect(splitZip('63118-2628')).toEqual({ zip5: '63118', plus4: '2628' });
    expect(splitZip('20024')).toEqual({ zip5: '20024', plus4: null });
    expect(splitName('Mary Jane Watson')).toEqual({ firstName: 'Mary Jane', lastName: 'Watson' });
    expect(splitName('Cher')).toEqual({ firstName: '', lastName: 'Cher' });
  });
});

describe('USPS timestamps', () => {
  it('prefers GMTTimestamp over the local time when both are given', () => {
    expect(eventInstant({ GMTTimestamp: '2024-04-04T14:03:12.041Z', eventTimestamp: '2024-04-04T07:00:00', GMTOffset: '-07:00' })).toBe('2024-04-04T14:03:12.041Z');
  });

  it('reads the local time at its offset, in both offset spellings, ignoring a stray Z', () => {
    expect(eventInstant({ eventTimestamp: '2024-04-04T07:03:12', GMTOffset: '-7:00' })).toBe('2024-04-04T14:03:12.000Z');
    expect(eventInstant({ eventTimestamp: '2026-11-22T10:15:00Z', GMTOffset: '-06:00' })).toBe('2026-11-22T16:15:00.000Z');
    expect(eventInstant({ eventTimestamp: '2026-11-22T10:15:00+05:30' })).toBe('2026-11-22T04:45:00.000Z');
    expect(eventInstant({ eventType: 'no time' })).toBeNull();
    expect(gmtOffsetMinutes('+5:30')).toBe(330);
  });

  it('reads the expected delivery as a timestamp or the end of a day', () => {
    expect(expectedDelivery({ expectedDeliveryTimeStamp: '2026-11-24T20:00:00Z' })).toBe('2026-11-24T20:00:00.000Z');
    expect(expectedDelivery({ expectedDeliveryTimeStamp: '2026-11-24' })).toBe('2026-11-24T23:59:59.999Z');
    expect(expectedDelivery({ predictedDeliveryDate: '2026-11-25' })).toBe('2026-11-25T23:59:59.999Z');
    expect(expectedDelivery({})).toBeNull();
  });
});

describe('USPS multipart label answers', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

  it('reads the form in USPS/api-examples (no Content-Disposition, LF line ends)', () => {
    const body = [
      '--726UYUDSQB6JWJXFDY',
      'Content-type: application/json',
      '',
      JSON.stringify({ trackingNumber: '9205590109769900012613', postage: 7.64, extraServices: [{ name: 'USPS Tracking', price: 0 }], commitment: { name: '1 Days', scheduleDeliveryDate: '2023-05-27' }, fees: [] }),
      '--726UYUDSQB6JWJXFDY',
      'File Name: label.pdf',
      'Content-Type: application/pdf',
      'Content-Encoding: gzip',
      'Content-Transfer-Encoding: encode',
      '',
      pdf.toString('base64'),
      '--726UYUDSQB6JWJXFDY--',
    ].join('\n');
    expect(findBoundary(null, body)).toBe('726UYUDSQB6JWJXFDY');
    const parsed = readLabelResponse({ headers: new Headers(), body, text: body });
    expect(parsed).toEqual({ trackingNumber: '9205590109769900012613', amount: 764, scheduledDeliveryDate: '2023-05-27', label: { contentType: 'application/pdf', data: pdf } });
  });

  it('reads named parts and skips the receipt', () => {
    const body = `--b1\r\nContent-Type: application/json\r\nContent-Disposition: form-data; name="labelMetadata"\r\n\r\n{"trackingNumber":"1"}\r\n--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: form-data; filename="receiptImage.pdf"; name="receiptImage"\r\n\r\nAAAA\r\n--b1\r\nContent-Type: image/png\r\nContent-Disposition: form-data; filename="labelImage.png"; name="labelImage"\r\n\r\niVBORw0KGgo=\r\n--b1--\r\n`;
    const parts = parseMultipart(body, findBoundary('multipart/form-data; boundary=b1', body)!);
    expect(parts.map((p) => p.name)).toEqual(['labelMetadata', 'receiptImage', 'labelImage']);
    const parsed = readLabelResponse({ headers: new Headers({ 'content-type': 'multipart/form-data; boundary=b1' }), body, text: body });
    expect(parsed?.label.contentType).toBe('image/png');
    expect(parsed?.label.data.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('reads the JSON form with the image embedded', () => {
    const body = { labelMetadata: { trackingNumber: '2', postage: '10.99', extraServices: [{ price: 3.99 }], fees: [{ price: 1.23 }] }, labelImage: pdf.toString('base64') };
    expect(readLabelResponse({ headers: new Headers(), body, text: JSON.stringify(body) })).toMatchObject({ trackingNumber: '2', amount: 1621, label: { data: pdf } });
  });
});
