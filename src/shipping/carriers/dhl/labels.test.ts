import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import type { LabelRequest } from '../carrier.js';
import { expressShipment, scans, startFakeDhl, type FakeDhl } from '../../../../test/support/fake-dhl/index.js';
import { berlinCustomer, flatPack, leipzigWarehouse, mediumBox, newYorkCustomer, smallBox } from '../../../../test/support/fake-dhl/fixtures.js';
import { createDhlCarrier } from './index.js';

let fake: FakeDhl;
const clock = fixedClock('2026-11-20T09:00:00Z');

beforeAll(async () => {
  fake = await startFakeDhl();
});
afterAll(() => fake.close());

const label = (overrides: Partial<LabelRequest> = {}): LabelRequest => ({
  origin: leipzigWarehouse,
  destination: newYorkCustomer,
  parcels: [smallBox],
  service: 'express_worldwide',
  currency: 'EUR',
  shipDate: new Date('2026-11-23T10:00:00Z'),
  reference: 'shp_01JDHLTESTREFERENCE0001',
  ...overrides,
});

function isPdf(data: Buffer): boolean {
  return data.subarray(0, 5).toString('latin1') === '%PDF-' && data.subarray(-6).toString('latin1').includes('%%EOF');
}

describe('DHL labels', () => {
  it('buys a one-piece shipment: the AWB is the tracking number and the label a real PDF', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const before = fake.requests.length;
    const result = await dhl.createLabel(label());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const awb = fake.created.at(-1)!.trackingNumber;
    expect(result.trackingNumber).toBe(awb);
    expect(result.packages).toHaveLength(1);
    expect(result.packages[0]!.trackingNumber).toBe(awb);
    expect(result.packages[0]!.label.contentType).toBe('application/pdf');
    expect(isPdf(result.packages[0]!.label.data)).toBe(true);
    expect(result.packages[0]!.label.data.toString('latin1')).toContain(`WAYBILL ${awb}`);
    expect(result).toMatchObject({ amount: 4599 + 712 * 3, currency: 'EUR', carrierReference: null, estimatedDeliveryDate: '2026-11-26' });

    const sent = fake.requests.slice(before)[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/mydhlapi/shipments');
    expect(sent.body).toMatchObject({
      plannedShippingDateAndTime: '2026-11-23T10:00:00 GMT+00:00',
      pickup: { isRequested: false },
      productCode: 'P',
      accounts: [{ typeCode: 'shipper', number: '123456789' }],
      outputImageProperties: { encodingFormat: 'pdf', imageOptions: [{ typeCode: 'label', templateName: 'ECOM26_84_001', isRequested: true }], splitDocumentsByPages: true },
      customerDetails: {
        shipperDetails: {
          postalAddress: { postalCode: '04435', cityName: 'Leipzig', countryCode: 'DE', addressLine1: 'Radefelder Allee 1' },
          contactInformation: { phone: '+49 341 000000', companyName: 'Waybill GmbH', fullName: 'Waybill Fulfilment', email: 'ship@waybill.example' },
        },
        receiverDetails: { postalAddress: { cityName: 'New York', countryCode: 'US', provinceCode: 'NY' }, contactInformation: { fullName: 'Ada Customer', companyName: 'Ada Customer' } },
      },
      content: {
        packages: [{ weight: 2.5, dimensions: { length: 30, width: 21, height: 11 }, customerReferences: [{ value: 'shp_01JDHLTESTREFERENCE0001', typeCode: 'CU' }] }],
        isCustomsDeclarable: true,
        unitOfMeasurement: 'metric',
      },
    });
  });

  it('buys three pieces: one piece number and one label per parcel, in order, plus the master AWB', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const result = await dhl.createLabel(label({ parcels: [smallBox, mediumBox, flatPack] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const created = fake.created.at(-1)!;
    expect(result.trackingNumber).toBe(created.trackingNumber);
    expect(result.packages.map((p) => p.trackingNumber)).toEqual(created.pieces);
    expect(new Set(result.packages.map((p) => p.trackingNumber)).size).toBe(3);
    result.packages.forEach((p, i) => {
      expect(isPdf(p.label.data)).toBe(true);
      expect(p.label.data.toString('latin1')).toContain(`PIECE ${i + 1}/3 ${created.pieces[i]}`);
    });
    // 7.5 kg → 8 started kg.
    expect(result.amount).toBe(4599 + 712 * 8);
  });

  it('returns DHL’s error code when the product is not offered on the lane', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const result = await dhl.createLabel(label({ destination: berlinCustomer, service: 'express_1200' }));
    expect(result).toEqual({ ok: false, code: '410138', message: '410138: Requested product(s) not available at payer, T/T' });
  });

  it('returns DHL’s validation problem as a value', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const result = await dhl.createLabel(label({ destination: { ...newYorkCustomer, line1: null } }));
    expect(result).toEqual({ ok: false, code: 'Unprocessable Entity', message: '#/customerDetails/receiverDetails/postalAddress/addressLine1: is missing' });
  });

  it('gives a party without a phone the other party’s (MyDHL requires one on both; warehouses have none)', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const shipperless = await dhl.createLabel(label({ origin: { ...leipzigWarehouse, phone: null } }));
    expect(shipperless.ok).toBe(true);
    expect(fake.created.at(-1)!.request.customerDetails.shipperDetails.contactInformation.phone).toBe(newYorkCustomer.phone);
    const receiverless = await dhl.createLabel(label({ destination: { ...newYorkCustomer, phone: null } }));
    expect(receiverless.ok).toBe(true);
    expect(fake.created.at(-1)!.request.customerDetails.receiverDetails.contactInformation.phone).toBe(leipzigWarehouse.phone);
    const neither = await dhl.createLabel(label({ origin: { ...leipzigWarehouse, phone: null }, destination: { ...newYorkCustomer, phone: null } }));
    expect(neither).toMatchObject({ ok: false });
  });

  it('refuses a service DHL does not have, and answers not_configured without credentials', async () => {
    expect(await createDhlCarrier(fake.settings(), { clock }).createLabel(label({ service: 'ground' }))).toMatchObject({ ok: false, code: 'unknown_service' });
    expect(await createDhlCarrier(fake.settings({ express: null }), { clock }).createLabel(label())).toMatchObject({ ok: false, code: 'not_configured' });
  });
});

describe('DHL void', () => {
  it('voids a label DHL has not scanned yet (MyDHL has no void call; an unused label is not billed)', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const bought = await dhl.createLabel(label());
    if (!bought.ok) throw new Error('label failed');
    const before = fake.requests.length;
    expect(await dhl.voidLabel({ trackingNumber: bought.trackingNumber, carrierReference: null, packageTrackingNumbers: [bought.trackingNumber] })).toEqual({ ok: true });
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /track/shipments']);

    fake.setTracking(bought.trackingNumber, expressShipment(bought.trackingNumber, [scans.informationReceived('2026-11-20T09:30:00+01:00')]));
    expect(await dhl.voidLabel({ trackingNumber: bought.trackingNumber, carrierReference: null, packageTrackingNumbers: [] })).toEqual({ ok: true });
  });

  it('refuses, as a value, to void a shipment DHL already has', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    fake.setTracking('5566778899', expressShipment('5566778899', [scans.informationReceived('2026-11-20T09:30:00'), scans.pickedUp('2026-11-20T16:55:00', 'LEIPZIG - GERMANY')]));
    const result = await dhl.voidLabel({ trackingNumber: '5566778899', carrierReference: null, packageTrackingNumbers: ['5566778899'] });
    expect(result).toMatchObject({ ok: false, code: 'already_in_network' });
    expect(!result.ok && result.message).toContain('Shipment picked up');
  });
});
