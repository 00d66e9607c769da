/** Addresses and parcels the FedEx adapter's tests share. */
import type { CarrierAddress, Parcel } from '../../../src/shipping/carriers/carrier.js';

export const memphisWarehouse: CarrierAddress = {
  name: 'Shipping Desk',
  company: 'Waybill Goods Inc',
  line1: '3875 Airways Blvd',
  city: 'Memphis',
  region: 'TN',
  postal_code: '38118',
  country: 'US',
  phone: '+1 (901) 555-0100',
};

export const austinHome: CarrierAddress = {
  name: 'Dana Reyes',
  line1: '1100 Congress Ave',
  line2: 'Apt 4',
  city: 'Austin',
  region: 'TX',
  postal_code: '78701',
  country: 'US',
  phone: '512-555-0199',
  email: 'dana@example.com',
};

export const box: Parcel = { weight_grams: 2500, length_mm: 300, width_mm: 200, height_mm: 150 };
