/** Waybill parcels as UPS packages (weights and dimensions in the origin's units). Pure. */
import type { Parcel } from '../carrier.js';
import { lengthText, weightText, type UnitSystem } from './amounts.js';

/** Customer-supplied packaging: UPS packaging type 02. */
const CUSTOMER_PACKAGING = '02';

function measures(parcel: Parcel, units: UnitSystem) {
  return {
    Dimensions: {
      UnitOfMeasurement: { Code: units.length },
      Length: lengthText(parcel.length_mm, units.length),
      Width: lengthText(parcel.width_mm, units.length),
      Height: lengthText(parcel.height_mm, units.length),
    },
    PackageWeight: { UnitOfMeasurement: { Code: units.weight }, Weight: weightText(parcel.weight_grams, units.weight) },
  };
}

/** A Rating API package (`PackagingType`). */
export function ratingPackage(parcel: Parcel, units: UnitSystem) {
  return { PackagingType: { Code: CUSTOMER_PACKAGING, Description: 'Package' }, ...measures(parcel, units) };
}

/** A Shipping API package (`Packaging`). */
export function shippingPackage(parcel: Parcel, units: UnitSystem) {
  return { Packaging: { Code: CUSTOMER_PACKAGING, Description: 'Package' }, ...measures(parcel, units) };
}

export function totalWeight(parcels: readonly Parcel[], units: UnitSystem) {
  const grams = parcels.reduce((sum, p) => sum + p.weight_grams, 0);
  return { UnitOfMeasurement: { Code: units.weight }, Weight: weightText(grams, units.weight) };
}
