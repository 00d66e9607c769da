/**
 * The fake FedEx's answers, in the shapes of FedEx's Rate, Ship and Track OpenAPI documents and
 * error bodies (`{transactionId, errors: [{code, message}]}`).
 */
import { randomUUID } from 'node:crypto';

type Json = Record<string, any>;

export function fedexError(code: string, message: string): Json {
  return { transactionId: randomUUID(), errors: [{ code, message }] };
}

export const errors = {
  unauthorized: () => fedexError('NOT.AUTHORIZED.ERROR', 'The given client credentials were not valid. Please modify your request and try again.'),
  tokenExpired: () => fedexError('NOT.AUTHORIZED.ERROR', 'Access token expired. Please modify your request and try again.'),
  postalCode: () => fedexError('COUNTRY.POSTALCODEORZIP.INVALID', 'Invalid postal code/ZIP for the country selected. Please correct and try again.'),
  serviceType: () => fedexError('SERVICE.TYPE.INVALID', 'Invalid service type. Please correct and try again.'),
  forStatus: (status: number): Json =>
    status === 429
      ? fedexError('TOO.MANY.REQUESTS', 'We have received too many requests in a short duration. Please wait a while to try again.')
      : status === 503
        ? fedexError('SERVICE.UNAVAILABLE.ERROR', 'The service is currently unavailable and we are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.')
        : status === 401
          ? fedexError('NOT.AUTHORIZED.ERROR', 'Access token expired. Please modify your request and try again.')
          : fedexError('INTERNAL.SERVER.ERROR', 'We encountered an unexpected error and are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.'),
};

export interface FakeService {
  serviceType: string;
  serviceName: string;
  /** List price in cents: base + per started kilogram. */
  base: number;
  perKg: number;
  days: number;
  /** Express services commit to a day and time (`commit.dateDetail.dayFormat`); ground only to a transit time. */
  commits: boolean;
  international: boolean;
}

export const fakeServices: readonly FakeService[] = [
  { serviceType: 'FIRST_OVERNIGHT', serviceName: 'FedEx First Overnight®', base: 9875, perKg: 455, days: 1, commits: true, international: false },
  { serviceType: 'PRIORITY_OVERNIGHT', serviceName: 'FedEx Priority Overnight®', base: 6435, perKg: 390, days: 1, commits: true, international: false },
  { serviceType: 'STANDARD_OVERNIGHT', serviceName: 'FedEx Standard Overnight®', base: 5510, perKg: 335, days: 1, commits: true, international: false },
  { serviceType: 'FEDEX_2_DAY', serviceName: 'FedEx 2Day®', base: 2899, perKg: 215, days: 2, commits: true, international: false },
  { serviceType: 'FEDEX_EXPRESS_SAVER', serviceName: 'FedEx Express Saver®', base: 2245, perKg: 180, days: 3, commits: true, international: false },
  { serviceType: 'FEDEX_GROUND', serviceName: 'FedEx Ground®', base: 1235, perKg: 110, days: 5, commits: false, international: false },
  { serviceType: 'GROUND_HOME_DELIVERY', serviceName: 'FedEx Home Delivery®', base: 1335, perKg: 110, days: 5, commits: false, international: false },
  { serviceType: 'FEDEX_INTERNATIONAL_PRIORITY', serviceName: 'FedEx International Priority®', base: 8920, perKg: 1230, days: 3, commits: true, international: true },
  { serviceType: 'INTERNATIONAL_ECONOMY', serviceName: 'FedEx International Economy®', base: 7105, perKg: 990, days: 5, commits: false, international: true },
];

const words = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN'];
export const transitTime = (days: number) => `${words[days]}_${days === 1 ? 'DAY' : 'DAYS'}`;

/** FedEx's currency code for an origin country (FedEx writes the pound as UKL). */
export function currencyFor(country: string): string {
  return ({ US: 'USD', CA: 'CAD', GB: 'UKL', JP: 'JYE' } as Record<string, string>)[country] ?? 'EUR';
}

/** `YYYY-MM-DD` plus business days. */
export function businessDaysAfter(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    if (at.getUTCDay() !== 0 && at.getUTCDay() !== 6) left--;
  }
  return at.toISOString().slice(0, 10);
}

/** Cents as the JSON number FedEx writes (12.35). */
export const decimal = (cents: number) => cents / 100;

export function kilograms(items: Json[]): number {
  return items.reduce((sum, item) => sum + (item.weight?.units === 'LB' ? Number(item.weight.value) * 0.45359237 : Number(item.weight?.value ?? 0)), 0);
}

export function listCents(service: FakeService, kg: number, pieces: number): number {
  return service.base * pieces + service.perKg * Math.ceil(kg);
}

/** The account discount: 20% off list, rounded to the cent. */
export const accountCents = (list: number) => Math.round(list * 0.8);

export function rateReplyDetail(service: FakeService, kg: number, pieces: number, currency: string, shipDay: string): Json {
  const list = listCents(service, kg, pieces);
  const delivery = businessDaysAfter(shipDay, service.days);
  const rated = (rateType: string, cents: number) => ({ rateType, ratedWeightMethod: 'ACTUAL', totalBaseCharge: decimal(cents), totalNetCharge: decimal(cents), totalNetFedExCharge: decimal(cents), currency });
  return {
    serviceType: service.serviceType,
    serviceName: service.serviceName,
    packagingType: 'YOUR_PACKAGING',
    ratedShipmentDetails: [rated('ACCOUNT', accountCents(list)), rated('LIST', list)],
    operationalDetail: { transitTime: transitTime(service.days), ...(service.commits ? { deliveryDate: delivery } : {}) },
    commit: service.commits ? { dateDetail: { dayOfWeek: 'MON', dayFormat: `${delivery}T10:30:00` } } : { transitDays: { minimumTransitTime: transitTime(service.days), description: `${service.days} Business Days` } },
    signatureOptionType: 'SERVICE_DEFAULT',
  };
}
