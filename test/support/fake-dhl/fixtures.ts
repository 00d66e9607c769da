/** Addresses and parcels the DHL adapter tests ship with. */
import type { CarrierAddress, Parcel } from '../../../src/shipping/carriers/carrier.js';

export const leipzigWarehouse: CarrierAddress = {
  name: 'Waybill Fulfilment',
  company: 'Waybill GmbH',
  line1: 'Radefelder Allee 1',
  city: 'Leipzig',
  postal_code: '04435',
  country: 'DE',
  phone: '+49 341 000000',
  email: 'ship@waybill.example',
};

export const newYorkCustomer: CarrierAddress = {
  name: 'Ada Customer',
  line1: '350 5th Ave',
  city: 'New York',
  region: 'NY',
  postal_code: '10118',
  country: 'US',
  phone: '+1 212 555 0100',
};

export const berlinCustomer: CarrierAddress = {
  name: 'Bert Kunde',
  line1: 'Unter den Linden 1',
  city: 'Berlin',
  postal_code: '10117',
  country: 'DE',
  phone: '+49 30 000000',
};

export const smallBox: Parcel = { weight_grams: 2500, length_mm: 300, width_mm: 205, height_mm: 101 };
export const mediumBox: Parcel = { weight_grams: 4200, length_mm: 400, width_mm: 300, height_mm: 200 };
export const flatPack: Parcel = { weight_grams: 800, length_mm: 350, width_mm: 250, height_mm: 30 };
