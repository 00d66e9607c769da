/**
 * The simulated carrier's prices: a tariff like the real carriers' (a base fee per parcel, a price
 * per billable half kilogram, a price per 100 km started, a surcharge for crossing a border, a factor
 * per service) so that rate shopping has real differences to weigh. Pure and deterministic.
 *
 * Every step only ever adds or rounds up, so more weight or distance is never cheaper, and the
 * service factors are ordered, so overnight ≥ express ≥ ground for the same parcels.
 *
 * The tariff is in US cents and converted with fixed, indicative rates (a simulator must not fetch
 * exchange rates); a currency not in the table is quoted at the US figure in its own minor units.
 */
import { addBusinessDays } from '../carrier-time.js';
import type { Parcel, RateQuote } from '../carrier.js';
import { percentOf, sum } from '../../../platform/money.js';
import { simServices, transitDaysFor, type SimServiceCode } from './services.js';

export interface SimRateInput {
  /** Great-circle distance between origin and destination. */
  distanceKm: number;
  /** Origin and destination in different countries. */
  international: boolean;
  parcels: readonly Parcel[];
  currency: string;
  /** When the parcels are handed over: the ETA counts business days from it. */
  shipDate: Date;
  /** Only these of Waybill's service codes (all when absent; unknown codes are ignored). */
  services?: readonly string[];
}

const BASE_FEE = 450;
/** Billable weight is charged per half kilogram started, as carriers round up. */
const PER_HALF_KG = 55;
/** Per 100 km started: the first 2,000 km cost more per km than the long haul beyond. */
const PER_100_KM_NEAR = 30;
const PER_100_KM_FAR = 10;
const NEAR_STEPS = 20;
const INTERNATIONAL_PER_PARCEL = 1500;
/** The usual volumetric divisor: L × W × H in cm / 5000 = kg, which in mm³ / 5000 is grams. */
const VOLUMETRIC_DIVISOR = 5000;

/** Service factors in basis points (10,000 = ×1). */
const SERVICE_FACTOR: Readonly<Record<SimServiceCode, number>> = { ground: 10_000, express: 19_000, overnight: 32_000 };

/** Minor units of each currency per US cent, in basis points (approximate, fixed on purpose). */
const PER_US_CENT: Readonly<Record<string, number>> = {
  USD: 10_000,
  CAD: 13_700,
  EUR: 9_200,
  GBP: 7_900,
  CHF: 8_800,
  AUD: 15_200,
  NZD: 16_500,
  JPY: 15_000,
  KRW: 135_000,
  CNY: 72_000,
  HKD: 78_000,
  SGD: 13_500,
  INR: 830_000,
  MXN: 170_000,
  BRL: 50_000,
  SEK: 105_000,
  NOK: 105_000,
  DKK: 68_500,
  PLN: 40_000,
  CZK: 230_000,
};

/** The weight a parcel is charged for: the larger of its weight and its volumetric weight. */
export function billableGrams(parcel: Parcel): number {
  const volumetric = (parcel.length_mm * parcel.width_mm * parcel.height_mm) / VOLUMETRIC_DIVISOR;
  return Math.max(parcel.weight_grams, volumetric);
}

/** One parcel over the distance, ground, in US cents. */
function parcelCents(parcel: Parcel, distanceKm: number, international: boolean): number {
  const halfKilos = Math.max(1, Math.ceil(billableGrams(parcel) / 500));
  const steps = Math.ceil(distanceKm / 100);
  const distance = Math.min(steps, NEAR_STEPS) * PER_100_KM_NEAR + Math.max(0, steps - NEAR_STEPS) * PER_100_KM_FAR;
  return BASE_FEE + halfKilos * PER_HALF_KG + distance + (international ? INTERNATIONAL_PER_PARCEL : 0);
}

function checkInput(input: SimRateInput): void {
  if (!Number.isFinite(input.distanceKm) || input.distanceKm < 0) throw new RangeError(`sim rates: distance ${input.distanceKm} km is not a distance`);
  if (input.parcels.length === 0) throw new RangeError('sim rates: there are no parcels to price');
  for (const p of input.parcels) {
    const values = [p.weight_grams, p.length_mm, p.width_mm, p.height_mm];
    if (!values.every((v) => Number.isFinite(v) && v >= 0)) throw new RangeError(`sim rates: parcel ${JSON.stringify(p)} has a weight or size that is not a positive number`);
  }
}

/** A quote per sim service (those asked for), in the order of `simServices`. */
export function quoteSim(input: SimRateInput): RateQuote[] {
  checkInput(input);
  const perUsCent = PER_US_CENT[input.currency.toUpperCase()] ?? 10_000;
  const groundCents = input.parcels.map((p) => parcelCents(p, input.distanceKm, input.international));
  return simServices
    .filter((s) => !input.services || input.services.includes(s.code))
    .map((s) => {
      const code = s.code as SimServiceCode;
      const cents = sum(groundCents.map((c) => percentOf(c, SERVICE_FACTOR[code])));
      const transitDays = transitDaysFor(code, input.distanceKm, input.international);
      return {
        carrier: 'sim' as const,
        service: s.code,
        serviceName: s.name,
        amount: percentOf(cents, perUsCent),
        currency: input.currency,
        transitDays,
        estimatedDeliveryDate: addBusinessDays(input.shipDate, transitDays),
      };
    });
}
