import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { austinHome, box, memphisWarehouse } from '../../../../test/support/fake-fedex/fixtures.js';
import { startFakeFedex, type FakeFedex } from '../../../../test/support/fake-fedex/index.js';
import type { LabelRequest } from '../carrier.js';
import { createFedexCarrier } from './index.js';

let fake: FakeFedex;
beforeAll(async () => {
  fake = await startFakeFedex();
});
afterAll(() => fake.close());

const carrier = () => createFedexCarrier(fake.settings(), { clock: fixedClock('2026-11-20T15:00:00Z') });
const request: LabelRequest = {
  origin: memphisWarehouse,
  destination: austinHome,
  parcels: [box],
  service: 'ground',
  currency: 'USD',
  shipDate: new Date('2026-11-20T15:00:00Z'),
  reference: 'shp_01JD4Q8Z',
};

const isPdf = (data: Buffer) => data.subarray(0, 5).toString('latin1') === '%PDF-' && data.toString('latin1').trimEnd().endsWith('%%EOF');

describe('FedEx labels', () => {
  it('buys a one-parcel label: the master number is the package number, the label a PDF', async () => {
    const result = await carrier().createLabel(request);
    if (!result.ok) throw new Error(result.message);
    expect(result.packages).toHaveLength(1);
    expect(result.trackingNumber).toMatch(/^\d{12}$/);
    expect(result.packages[0]!.trackingNumber).toBe(result.trackingNumber);
    expect(result.packages[0]!.label.contentType).toBe('application/pdf');
    expect(isPdf(result.packages[0]!.label.data)).toBe(true);
    expect(result.packages[0]!.label.data.toString('latin1')).toContain(result.trackingNumber);
    expect(result.amount).toBe(Math.round((1235 + 110 * 3) * 0.8));
    expect(result.currency).toBe('USD');
    expect(result.estimatedDeliveryDate).toBe('2026-11-27');
    expect(result.carrierReference).toBeNull();
  });

  it("sends FedEx's ship request: PDF on 4x6 paper, sender pays, the reference on every package", async () => {
    await carrier().createLabel(request);
    const sent = fake.requests.filter((r) => r.path === '/ship/v1/shipments').at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.headers['x-customer-transaction-id']).toBe('shp_01JD4Q8Z');
    expect(sent.body.labelResponseOptions).toBe('LABEL');
    expect(sent.body.accountNumber).toEqual({ value: '740561073' });
    const shipment = sent.body.requestedShipment;
    expect(shipment.serviceType).toBe('FEDEX_GROUND');
    expect(shipment.shipDatestamp).toBe('2026-11-20');
    expect(shipment.labelSpecification).toEqual({ imageType: 'PDF', labelStockType: 'PAPER_4X6' });
    expect(shipment.shippingChargesPayment).toEqual({ paymentType: 'SENDER' });
    expect(shipment.shipper.contact).toEqual({ personName: 'Shipping Desk', companyName: 'Waybill Goods Inc', phoneNumber: '+19015550100' });
    expect(shipment.recipients[0].contact).toMatchObject({ personName: 'Dana Reyes', phoneNumber: '5125550199', emailAddress: 'dana@example.com' });
    expect(shipment.requestedPackageLineItems[0]).toMatchObject({
      sequenceNumber: 1,
      weight: { units: 'LB', value: 5.6 },
      customerReferences: [{ customerReferenceType: 'CUSTOMER_REFERENCE', value: 'shp_01JD4Q8Z' }],
    });
  });

  it("gives a recipient without a phone the shipper's, as FedEx requires one on both parties", async () => {
    await carrier().createLabel({ ...request, destination: { ...austinHome, phone: null } });
    const sent = fake.requests.filter((r) => r.path === '/ship/v1/shipments').at(-1)!;
    expect(sent.body.requestedShipment.recipients[0].contact.phoneNumber).toBe('+19015550100');
  });

  it('buys three parcels as one shipment: a master number and one number and label per parcel', async () => {
    const parcels = [box, { ...box, weight_grams: 800 }, { ...box, weight_grams: 12_000 }];
    const result = await carrier().createLabel({ ...request, parcels, service: '2_day' });
    if (!result.ok) throw new Error(result.message);
    const numbers = result.packages.map((p) => p.trackingNumber);
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    expect(numbers[0]).toBe(result.trackingNumber);
    for (const pkg of result.packages) {
      expect(isPdf(pkg.label.data)).toBe(true);
      expect(pkg.label.data.toString('latin1')).toContain(pkg.trackingNumber);
    }
    const sent = fake.requests.filter((r) => r.path === '/ship/v1/shipments').at(-1)!;
    expect(sent.body.requestedShipment.totalPackageCount).toBe(3);
    expect(sent.body.requestedShipment.requestedPackageLineItems.map((i: any) => [i.sequenceNumber, i.weight.value])).toEqual([
      [1, 5.6],
      [2, 1.8],
      [3, 26.5],
    ]);
    expect(fake.shipments.get(result.trackingNumber)?.pieces).toEqual(numbers);
  });

  it('refuses a service FedEx does not have without calling FedEx', async () => {
    const before = fake.requests.length;
    expect(await carrier().createLabel({ ...request, service: 'next_day_air' })).toMatchObject({ ok: false, code: 'SERVICE.UNKNOWN' });
    expect(fake.requests.length).toBe(before);
  });

  it("returns FedEx's error body when it refuses the shipment", async () => {
    const result = await carrier().createLabel({ ...request, destination: { ...austinHome, postal_code: '00000' } });
    expect(result).toEqual({ ok: false, code: 'COUNTRY.POSTALCODEORZIP.INVALID', message: 'Invalid postal code/ZIP for the country selected. Please correct and try again.' });
  });
});

describe('FedEx void', () => {
  it('cancels every package of a shipment by its master number', async () => {
    const label = await carrier().createLabel({ ...request, parcels: [box, box] });
    if (!label.ok) throw new Error(label.message);
    const packageTrackingNumbers = label.packages.map((p) => p.trackingNumber);
    expect(await carrier().voidLabel({ trackingNumber: label.trackingNumber, carrierReference: null, packageTrackingNumbers })).toEqual({ ok: true });
    const sent = fake.requests.at(-1)!;
    expect([sent.method, sent.path]).toEqual(['PUT', '/ship/v1/shipments/cancel']);
    expect(sent.body).toEqual({ accountNumber: { value: '740561073' }, trackingNumber: label.trackingNumber, deletionControl: 'DELETE_ALL_PACKAGES' });
    expect(fake.shipments.get(label.trackingNumber)?.cancelled).toBe(true);
  });

  it('returns a refused void as a value, with the reason FedEx gave', async () => {
    const label = await carrier().createLabel(request);
    if (!label.ok) throw new Error(label.message);
    fake.tender(label.trackingNumber);
    const result = await carrier().voidLabel({ trackingNumber: label.trackingNumber, carrierReference: null, packageTrackingNumbers: [label.trackingNumber] });
    expect(result).toEqual({ ok: false, code: 'SHIPMENT.CANCEL.NOTALLOWED', message: 'Shipment cannot be cancelled: it has already been tendered to FedEx.' });
  });

  it('returns FedEx’s error for a number it does not know', async () => {
    const result = await carrier().voidLabel({ trackingNumber: '999999999999', carrierReference: null, packageTrackingNumbers: [] });
    expect(result).toMatchObject({ ok: false, code: 'TRACKING.TRACKINGNUMBER.NOTFOUND' });
  });
});
