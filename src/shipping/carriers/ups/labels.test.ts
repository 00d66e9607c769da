import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { gifComment, startFakeUps, type FakeUps } from '../../../../test/support/fake-ups/index.js';
import { austinWarehouse, brooklynCustomer, parcel, torontoCustomer, upsSettingsFor } from '../../../../test/support/fake-ups/fixtures.js';
import { createUpsCarrier } from './index.js';

const shipDate = new Date('2026-11-20T15:00:00Z');

describe('UPS labels and voids', () => {
  let fake: FakeUps;
  let legacy: FakeUps;
  beforeAll(async () => {
    fake = await startFakeUps();
    legacy = await startFakeUps({ singlePackageAsObject: true, negotiatedRates: true });
  });
  afterAll(async () => {
    await fake.close();
    await legacy.close();
  });

  const ups = () => createUpsCarrier(upsSettingsFor(fake), { clock: fixedClock(shipDate) });

  it('buys a one-parcel label: the 1Z number, its GIF as UPS sent it, the charge', async () => {
    const result = await ups().createLabel({ origin: austinWarehouse, destination: brooklynCustomer, parcels: [parcel], service: 'ground', currency: 'USD', shipDate, reference: 'shp_01' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.trackingNumber).toMatch(/^1Z[0-9A-Z]{16}$/);
    expect(result.packages).toHaveLength(1);
    expect(result.packages[0]!.trackingNumber).toBe(result.trackingNumber);
    const label = result.packages[0]!.label;
    expect(label.contentType).toBe('image/gif');
    expect(label.data.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(gifComment(label.data)).toBe(result.trackingNumber);
    expect(result).toMatchObject({ amount: 829, currency: 'USD', carrierReference: null, estimatedDeliveryDate: '2026-11-27' });

    const sent = fake.requests.find((r) => r.path === '/api/shipments/v2409/ship')!.body as any;
    expect(sent.ShipmentRequest.LabelSpecification).toEqual({ LabelImageFormat: { Code: 'GIF', Description: 'GIF' }, HTTPUserAgent: 'Mozilla/4.5', LabelStockSize: { Height: '6', Width: '4' } });
    const shipment = sent.ShipmentRequest.Shipment;
    expect(shipment.Service.Code).toBe('03');
    expect(shipment.PaymentInformation.ShipmentCharge).toEqual([{ Type: '01', BillShipper: { AccountNumber: fake.accountNumber } }]);
    expect(shipment.ShipTo).toMatchObject({ Name: 'Ada Lovelace', AttentionName: 'Ada Lovelace', Phone: { Number: '+19175550101' }, Address: { AddressLine: ['85 N 3rd St', 'Suite 112'], City: 'Brooklyn', StateProvinceCode: 'NY', PostalCode: '11249', CountryCode: 'US' } });
    // US domestic: the reference goes on the package, not the shipment.
    expect(shipment.Package[0].ReferenceNumber).toEqual([{ Value: 'shp_01' }]);
    expect(shipment.ReferenceNumber).toBeUndefined();
  });

  it('buys three parcels: one number and one label per parcel, the first is the master', async () => {
    const result = await ups().createLabel({ origin: austinWarehouse, destination: brooklynCustomer, parcels: [parcel, parcel, parcel], service: 'next_day_air', currency: 'USD', shipDate, reference: 'shp_02' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const numbers = result.packages.map((p) => p.trackingNumber);
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    expect(result.trackingNumber).toBe(numbers[0]);
    for (const p of result.packages) expect(gifComment(p.label.data)).toBe(p.trackingNumber);
    expect(result.amount).toBe(5501 * 3);
  });

  it('reads PackageResults sent as a single object, and negotiated charges', async () => {
    const carrier = createUpsCarrier(upsSettingsFor(legacy), { clock: fixedClock(shipDate) });
    const result = await carrier.createLabel({ origin: austinWarehouse, destination: brooklynCustomer, parcels: [parcel], service: '2nd_day_air', currency: 'USD', shipDate, reference: 'shp_03' });
    expect(result.ok && result.packages.length).toBe(1);
    expect(result.ok && result.amount).toBe(Math.floor((2457 * 9) / 10));
  });

  it('puts the reference on the shipment across borders', async () => {
    const result = await ups().createLabel({ origin: torontoCustomer, destination: brooklynCustomer, parcels: [parcel], service: 'standard', currency: 'CAD', shipDate, reference: 'shp_04' });
    expect(result.ok).toBe(true);
    const shipment = (fake.requests.filter((r) => r.path.endsWith('/ship')).at(-1)!.body as any).ShipmentRequest.Shipment;
    expect(shipment.ReferenceNumber).toEqual({ Value: 'shp_04' });
    expect(shipment.Package[0].ReferenceNumber).toBeUndefined();
    expect(shipment.Package[0].PackageWeight.UnitOfMeasurement.Code).toBe('KGS');
  });

  it('returns an address UPS refuses as UPS said it', async () => {
    const result = await ups().createLabel({ origin: austinWarehouse, destination: { ...brooklynCustomer, postal_code: '00000' }, parcels: [parcel], service: 'ground', currency: 'USD', shipDate, reference: 'shp_05' });
    expect(result).toEqual({ ok: false, code: '120802', message: 'Address Validation Error on ShipTo address' });
  });

  it('refuses a service UPS does not have without calling UPS', async () => {
    const before = fake.requests.length;
    const result = await ups().createLabel({ origin: austinWarehouse, destination: brooklynCustomer, parcels: [parcel], service: 'teleport', currency: 'USD', shipDate, reference: 'shp_06' });
    expect(result).toMatchObject({ ok: false, code: 'unknown_service' });
    expect(fake.requests.length).toBe(before);
  });

  it('voids a shipment once; the second void is UPS refusing, returned as a value', async () => {
    const label = await ups().createLabel({ origin: austinWarehouse, destination: brooklynCustomer, parcels: [parcel, parcel], service: 'ground', currency: 'USD', shipDate, reference: 'shp_07' });
    if (!label.ok) throw new Error('label failed');
    const request = { trackingNumber: label.trackingNumber, carrierReference: label.carrierReference, packageTrackingNumbers: label.packages.map((p) => p.trackingNumber) };
    expect(await ups().voidLabel(request)).toEqual({ ok: true });
    const sent = fake.requests.at(-1)!;
    expect(sent.method).toBe('DELETE');
    expect(sent.path).toBe(`/api/shipments/v2409/void/cancel/${label.trackingNumber}`);
    expect(await ups().voidLabel(request)).toEqual({ ok: false, code: '190102', message: 'No shipment found within the allowed void period' });
  });
});
