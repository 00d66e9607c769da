/** What UPS adapter tests share: settings pointing at a fake, and addresses and parcels to ship. */
import type { CarrierAddress, Parcel } from '../../../src/shipping/carriers/carrier.js';
import type { UpsSettings } from '../../../src/config-shipping.js';
import type { FakeUps } from './index.js';

export function upsSettingsFor(fake: FakeUps, overrides: Partial<UpsSettings> = {}): UpsSettings {
  return {
    baseUrl: fake.url,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    accountNumber: fake.accountNumber,
    webhookCredential: fake.webhookCredential,
    ...overrides,
  };
}

export const austinWarehouse: CarrierAddress = { name: 'Shipping Desk', company: 'Waybill Demo Shop', line1: '500 E 5th St', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US', phone: '+1 512 555 0100' };
export const brooklynCustomer: CarrierAddress = { name: 'Ada Lovelace', line1: '85 N 3rd St', line2: 'Suite 112', city: 'Brooklyn', region: 'NY', postal_code: '11249', country: 'US', phone: '+1 917 555 0101', email: 'ada@example.com' };
export const torontoCustomer: CarrierAddress = { name: 'Grace Hopper', line1: '34 Queen St', city: 'Toronto', region: 'ON', postal_code: 'M5C 2M6', country: 'CA' };

/** 1.5 kg, 30 × 20 × 10 cm. */
export const parcel: Parcel = { weight_grams: 1500, length_mm: 300, width_mm: 200, height_mm: 100 };
