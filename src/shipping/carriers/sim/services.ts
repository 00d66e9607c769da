/**
 * The simulated carrier's services and how long each takes. Transit grows with distance for ground
 * (a truck network) and is flat for the air services, like the real carriers' tables. Pure.
 */
import type { CarrierService } from '../carrier.js';

export type SimServiceCode = 'ground' | 'express' | 'overnight';

export const simServices: readonly CarrierService[] = Object.freeze([
  // transitDays: the nominal figure the contract asks for; a quote uses transitDaysFor's answer.
  Object.freeze({ code: 'ground', carrierCode: 'SIM-GND', name: 'Sim Ground', transitDays: 3, scope: 'any' as const }),
  Object.freeze({ code: 'express', carrierCode: 'SIM-EXP', name: 'Sim Express', transitDays: 2, scope: 'any' as const }),
  Object.freeze({ code: 'overnight', carrierCode: 'SIM-ONT', name: 'Sim Overnight', transitDays: 1, scope: 'any' as const }),
]);

export function isSimServiceCode(code: string): code is SimServiceCode {
  return code === 'ground' || code === 'express' || code === 'overnight';
}

/** The service with Waybill's code `code`, or null when the sim has no such service. */
export function simService(code: string): CarrierService | null {
  return simServices.find((s) => s.code === code) ?? null;
}

/** Ground's distance bands: up to `km`, `days` business days. */
const GROUND_BANDS: ReadonlyArray<{ km: number; days: number }> = [
  { km: 300, days: 1 },
  { km: 800, days: 2 },
  { km: 1600, days: 3 },
  { km: 3000, days: 4 },
];

/**
 * Business days in transit for a sim service (by Waybill's code) over a distance; crossing a border
 * adds customs time. Throws on a code the sim does not have (check with simService first).
 */
export function transitDaysFor(service: string, distanceKm: number, international: boolean): number {
  if (!isSimServiceCode(service)) throw new RangeError(`sim: unknown service "${service}"`);
  switch (service) {
    case 'ground': {
      const days = GROUND_BANDS.find((band) => distanceKm <= band.km)?.days ?? 5;
      return international ? days + 3 : days;
    }
    case 'express':
      return international ? 3 : 2;
    case 'overnight':
      return international ? 2 : 1;
  }
}
