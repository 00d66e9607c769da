import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import type { Carrier, LabelRequest } from '../carrier.js';
import { fakeUspsSettings, startFakeUsps, type FakeUsps } from '../../../../test/support/fake-usps/index.js';
import { parcel, USPS_TEST_NOW, uspsDestination, uspsOrigin } from '../../../../test/support/fake-usps/fixtures.js';
import { createUspsCarrier } from './index.js';

let fake: FakeUsps;
let usps: Carrier;

beforeEach(async () => {
  fake = await startFakeUsps();
  usps = createUspsCarrier(fakeUspsSettings(fake), { clock: fixedClock(USPS_TEST_NOW) });
});
afterEach(() => fake.close());

const request = (over: Partial<LabelRequest> = {}): LabelRequest => ({
  origin: uspsOrigin,
  destination: uspsDestination,
  parcels: [parcel(2000)],
  service: 'ground_advantage',
  currency: 'USD',
  shipDate: new Date(USPS_TEST_NOW),
  reference: 'shp_01JTESTSHIPMENT',
  ...over,
});

const labelCalls = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/labels/v3/label');
const isPdf = (data: Buffer) => data.subarray(0, 5).toString('latin1') === '%PDF-' && data.subarray(-8).toString('latin1').includes('%%EOF');

describe('USPS labels', () => {
  it('buys one label for one parcel and returns the PDF USPS sent', async () => {
    const result = await usps.createLabel(request());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.trackingNumber).toMatch(/^9205590\d{15}$/);
    expect(result.packages).toHaveLength(1);
    expect(result.packages[0]!.trackingNumber).toBe(result.trackingNumber);
    expect(result.packages[0]!.label.contentType).toBe('application/pdf');
    expect(isPdf(result.packages[0]!.label.data)).toBe(true);
    expect(result).toMatchObject({ amount: 920, currency: 'USD', carrierReference: null, estimatedDeliveryDate: '2026-11-23' });
    expect(fake.labels.get(result.trackingNumber)).toMatchObject({ mailClass: 'USPS_GROUND_ADVANTAGE', reference: 'shp_01JTESTSHIPMENT' });
  });

  it('sends the documented label request with the payment authorization token', async () => {
    await usps.createLabel(request());
    const authorization = fake.requests.find((r) => r.path === '/payments/v3/payment-authorization');
    expect(authorization!.body).toEqual({
      roles: [
        { roleName: 'PAYER', CRID: '56982563', MID: '904128936', manifestMID: '904128936', accountType: 'EPS', accountNumber: '1000405525' },
        { roleName: 'LABEL_OWNER', CRID: '56982563', MID: '904128936', manifestMID: '904128936', accountType: 'EPS', accountNumber: '1000405525' },
      ],
    });
    const [call] = labelCalls();
    expect(call!.headers['x-payment-authorization-token']).toMatch(/^pat_/);
    expect(call!.body).toEqual({
      imageInfo: { imageType: 'PDF', labelType: '4X6LABEL', receiptOption: 'NONE' },
      toAddress: { streetAddress: '1100 Wyoming St', secondaryAddress: 'Suite 150', city: 'St. Louis', state: 'MO', ZIPCode: '63118', ZIPPlus4: '2628', firstName: 'Mary Jane', lastName: 'Watson', email: 'mj@example.com' },
      fromAddress: { streetAddress: '45 L St SW', city: 'Washington', state: 'DC', ZIPCode: '20024', firstName: 'Sam', lastName: 'Wilson', firm: 'Waybill Test Shop', phone: '2025550143' },
      packageDescription: {
        mailClass: 'USPS_GROUND_ADVANTAGE',
        rateIndicator: 'SP',
        weightUOM: 'lb',
        weight: 4.5,
        dimensionsUOM: 'in',
        length: 11.9,
        width: 7.9,
        height: 6,
        processingCategory: 'MACHINABLE',
        mailingDate: '2026-11-20',
        destinationEntryFacilityType: 'NONE',
        customerReference: [{ referenceNumber: 'shp_01JTESTSHIPMENT', printReferenceNumber: true }],
      },
    });
  });

  it('buys one label per parcel for three parcels; the first is the master', async () => {
    const result = await usps.createLabel(request({ service: 'priority_mail', parcels: [parcel(500), parcel(2000), parcel(3000)] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const numbers = result.packages.map((p) => p.trackingNumber);
    expect(new Set(numbers).size).toBe(3);
    expect(result.trackingNumber).toBe(numbers[0]);
    for (const p of result.packages) expect(isPdf(p.label.data)).toBe(true);
    // 1.2 lb, 4.5 lb, 6.7 lb: 905 + 160 per started pound after the first, one postage per label.
    expect(result.amount).toBe(1065 + 1545 + 1865);
    expect(labelCalls().map((c) => c.body!.imageInfo)).toEqual([1, 2, 3].map((n) => ({ imageType: 'PDF', labelType: '4X6LABEL', receiptOption: 'NONE', packageNumber: n, totalPackages: 3 })));
    // One payment authorization serves the whole shipment.
    expect(fake.counts.paymentAuthorizations).toBe(1);
  });

  it('cancels the labels already bought when a later parcel is refused', async () => {
    const result = await usps.createLabel(request({ parcels: [parcel(1000), parcel(1000), parcel(40_000)] }));
    expect(result).toEqual({ ok: false, code: '010660002', message: expect.stringContaining('exceeds the maximum of 70 lb') });
    const issued = [...fake.labels.values()];
    expect(issued).toHaveLength(2);
    expect(issued.every((l) => l.canceled)).toBe(true);
  });

  it("returns USPS's address error as a value", async () => {
    const result = await usps.createLabel(request({ destination: { ...uspsDestination, postal_code: '00000' } }));
    expect(result).toEqual({ ok: false, code: '020200019', message: 'Address Not Found: 00000 is not a valid ZIP Code.' });
  });

  it('answers not_configured without a payment account, calling nothing', async () => {
    const trackOnly = createUspsCarrier(fakeUspsSettings(fake, { payment: null }), { clock: fixedClock(USPS_TEST_NOW) });
    expect(await trackOnly.createLabel(request())).toMatchObject({ ok: false, code: 'not_configured' });
    expect(await trackOnly.voidLabel({ trackingNumber: '9205590000000000000001', carrierReference: null, packageTrackingNumbers: [] })).toMatchObject({ ok: false, code: 'not_configured' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a service USPS does not have', async () => {
    expect(await usps.createLabel(request({ service: 'next_day_air' }))).toMatchObject({ ok: false, code: 'unknown_service' });
  });
});

describe('USPS void', () => {
  it('cancels every package of a shipment', async () => {
    const bought = await usps.createLabel(request({ parcels: [parcel(1000), parcel(1000), parcel(1000)] }));
    if (!bought.ok) throw new Error('label failed');
    const numbers = bought.packages.map((p) => p.trackingNumber);
    const result = await usps.voidLabel({ trackingNumber: bought.trackingNumber, carrierReference: null, packageTrackingNumbers: numbers });
    expect(result).toEqual({ ok: true });
    const deletes = fake.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((d) => d.path)).toEqual(numbers.map((n) => `/labels/v3/label/${n}`));
    expect(deletes.every((d) => typeof d.headers['x-payment-authorization-token'] === 'string')).toBe(true);
    expect(numbers.every((n) => fake.labels.get(n)!.canceled)).toBe(true);
  });

  it("returns USPS's refusal for a manifested label as a value", async () => {
    const bought = await usps.createLabel(request());
    if (!bought.ok) throw new Error('label failed');
    fake.markManifested(bought.trackingNumber);
    const result = await usps.voidLabel({ trackingNumber: bought.trackingNumber, carrierReference: null, packageTrackingNumbers: [bought.trackingNumber] });
    expect(result).toEqual({ ok: false, code: '00000XX', message: 'A refund request for this order cannot be submitted' });
  });

  it('reports a number USPS has no label for', async () => {
    const result = await usps.voidLabel({ trackingNumber: '9205590999999999999999', carrierReference: null, packageTrackingNumbers: [] });
    expect(result).toEqual({ ok: false, code: '00000XX', message: 'Order not found' });
  });
});
