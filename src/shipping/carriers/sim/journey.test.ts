import { describe, expect, it } from 'vitest';
import type { SimShares } from '../../../config-shipping.js';
import { planJourney, type JourneyInput, type JourneyPlace, type PlannedScan } from './journey.js';
import { routeVia, simHubs } from './network.js';
import { seededRandom } from './random.js';
import { isSimServiceCode, transitDaysFor } from './services.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const none: SimShares = { delay: 0, failedAttempt: 0, exception: 0, returnToSender: 0 };
const austin: JourneyPlace = { city: 'Austin', region: 'TX', postal_code: '78701', country: 'US', latitude: 30.2672, longitude: -97.7431 };
const boston: JourneyPlace = { city: 'Boston', region: 'MA', postal_code: '02108', country: 'US', latitude: 42.3601, longitude: -71.0589 };
const berlin: JourneyPlace = { city: 'Berlin', region: null, postal_code: '10115', country: 'DE', latitude: 52.52, longitude: 13.405 };
// Monday 2026-11-23, 08:00 in Austin's solar time (UTC-7).
const monday = new Date('2026-11-23T15:00:00Z');

function journey(overrides: Partial<JourneyInput> = {}) {
  return planJourney({ trackingNumber: 'SIM000000000000042', service: 'ground', transitDays: 4, origin: austin, destination: boston, shares: none, labelCreatedAt: monday, ...overrides });
}

/** The sim's solar time zone of a longitude, as the journey uses it. */
const zone = (longitude: number) => Math.round(longitude / 15) * HOUR;
/** Local wall-clock of a scan (as a UTC-fielded Date) at a longitude. */
const local = (offsetMs: number, longitude: number, start = monday) => new Date(start.getTime() + offsetMs + zone(longitude));
const codes = (scans: readonly PlannedScan[]) => scans.map((s) => s.code);
const isBusinessDay = (d: Date) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6;

function expectIncreasing(scans: readonly PlannedScan[]) {
  expect(scans[0]!.offsetMs).toBe(0);
  for (let i = 1; i < scans.length; i++) expect(scans[i]!.offsetMs, `${scans[i - 1]!.code} → ${scans[i]!.code}`).toBeGreaterThan(scans[i - 1]!.offsetMs);
  for (const s of scans) expect(Number.isInteger(s.offsetMs)).toBe(true);
}

describe('sim journey', () => {
  it('goes label, pickup, each hub of the route, out for delivery, delivered', () => {
    const plan = journey();
    const hubs = routeVia(austin, boston);
    expect(hubs.map((h) => h.code)).toEqual(['DFW', 'MEM', 'EWR']);
    expect(codes(plan.scans)).toEqual(['LC', 'PU', 'AH', 'DH', 'AH', 'DH', 'AH', 'DH', 'OD', 'DL']);
    expectIncreasing(plan.scans);
    expect(plan.scans.slice(2, 8).map((s) => s.location.city)).toEqual(['Dallas', 'Dallas', 'Memphis', 'Memphis', 'Newark', 'Newark']);
    expect(plan.scans[0]!.location).toEqual({ city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' });
    expect(plan.scans[1]!.location.city).toBe('Austin');
    expect(plan.scans.at(-1)!.location).toEqual({ city: 'Boston', region: 'MA', postal_code: '02108', country: 'US' });
    expect(plan.scans[0]!.description).toBe('Shipping label created, awaiting pickup');
    expect(plan.outcome).toBe('delivered');
    expect(plan.deliveryOffsetMs).toBe(plan.scans.at(-1)!.offsetMs);
    expect(plan.hubs).toEqual(hubs);
  });

  it('picks up a few hours after the label and goes out at about 08:00 on the delivery day', () => {
    const plan = journey();
    const pickup = plan.scans[1]!.offsetMs;
    expect(pickup).toBeGreaterThanOrEqual(HOUR);
    expect(pickup).toBeLessThanOrEqual(4 * HOUR);
    const out = local(plan.scans.at(-2)!.offsetMs, boston.longitude);
    expect(out.getUTCHours()).toBe(8);
    const delivered = local(plan.deliveryOffsetMs!, boston.longitude);
    expect(delivered.getUTCHours()).toBeGreaterThanOrEqual(10);
    expect(delivered.getUTCHours()).toBeLessThan(17);
  });

  it('puts the ETA at the end of the delivery window on the nominal day', () => {
    // Monday + 4 business days = Friday 2026-11-27, 19:00 in Boston's solar time (UTC-5).
    const plan = journey();
    expect(plan.etaOffsetMs).toBe(Date.parse('2026-11-28T00:00:00Z') - monday.getTime());
    expect(plan.deliveryOffsetMs!).toBeLessThanOrEqual(plan.etaOffsetMs);
    expect(local(plan.deliveryOffsetMs!, boston.longitude).getUTCDate()).toBe(27);
  });

  it('picks up a label made after the cutoff or at the weekend on the next business day', () => {
    for (const at of ['2026-11-21T03:00:00Z', '2026-11-21T18:00:00Z', '2026-11-22T20:00:00Z']) {
      const created = new Date(at);
      const plan = journey({ labelCreatedAt: created });
      const pickup = local(plan.scans[1]!.offsetMs, austin.longitude, created);
      expect(pickup.toISOString().slice(0, 10), at).toBe('2026-11-23');
      expect(pickup.getUTCHours()).toBeGreaterThanOrEqual(9);
      expect(pickup.getUTCHours()).toBeLessThan(12);
      expect(created.getTime() + plan.etaOffsetMs).toBe(Date.parse('2026-11-28T00:00:00Z'));
    }
  });

  it('assumes a Monday morning label when no label time is given', () => {
    const plan = journey({ labelCreatedAt: undefined });
    expect(codes(plan.scans)).toEqual(codes(journey().scans));
    expectIncreasing(plan.scans);
  });

  it('is the same journey for the same tracking number, another for another, the seed\'s when seeded', () => {
    expect(journey()).toEqual(journey());
    const others = ['SIM000000000000043', 'SIM000000000000044', 'SIM000000000000045'].map((n) => journey({ trackingNumber: n }));
    for (const other of others) expect(other.scans.map((s) => s.offsetMs)).not.toEqual(journey().scans.map((s) => s.offsetMs));
    expect(journey({ trackingNumber: 'SIM999', seed: 'demo' })).toEqual(journey({ trackingNumber: 'SIM000', seed: 'demo' }));
  });

  it('delays: a DY scan at a hub, then the rest of the journey whole days later', () => {
    const normal = journey();
    const plan = journey({ force: { delay: 2 } });
    const i = plan.scans.findIndex((s) => s.code.startsWith('DY-'));
    expect(i).toBeGreaterThan(0);
    expect(plan.scans[i - 1]!.code).toBe('AH');
    expect(plan.scans[i]!.location.city).toBe(plan.scans[i - 1]!.location.city);
    expect(plan.scans[i + 1]!.code).toBe('DH');
    expect(plan.scans.slice(0, i)).toEqual(normal.scans.slice(0, i));
    expect(codes(plan.scans.filter((s) => !s.code.startsWith('DY-')))).toEqual(codes(normal.scans));
    // Friday + 2 business days = Tuesday: the van goes out 4 days later, at the same hour.
    const outAt = (p: typeof plan) => p.scans.find((s) => s.code === 'OD')!.offsetMs;
    expect(outAt(plan) - outAt(normal)).toBe(4 * DAY);
    expect(plan.deliveryOffsetMs!).toBeGreaterThan(plan.etaOffsetMs);
    expect(plan.etaOffsetMs).toBe(normal.etaOffsetMs);
    expect(plan.outcome).toBe('delivered');
    expectIncreasing(plan.scans);
  });

  it('fails attempts: FA on the delivery day, out again the next business day, then delivered', () => {
    for (const count of [1, 2] as const) {
      const plan = journey({ force: { failedAttempt: count } });
      const tail = codes(plan.scans).slice(8);
      expect(tail.filter((c) => c.startsWith('FA-'))).toHaveLength(count);
      expect(tail.filter((c) => c === 'OD')).toHaveLength(count + 1);
      expect(tail.at(-1)).toBe('DL');
      for (const [k, s] of plan.scans.entries()) {
        if (!s.code.startsWith('FA-')) continue;
        expect(plan.scans[k - 1]!.code).toBe('OD');
        expect(local(s.offsetMs, boston.longitude).getUTCDate()).toBe(local(plan.scans[k - 1]!.offsetMs, boston.longitude).getUTCDate());
        expect(s.location.city).toBe('Boston');
      }
      // Friday's failure: out again on Monday.
      const outs = plan.scans.filter((s) => s.code === 'OD').map((s) => local(s.offsetMs, boston.longitude));
      expect(outs[1]!.getUTCDay()).toBe(1);
      expect(plan.outcome).toBe('delivered');
      expect(plan.deliveryOffsetMs!).toBeGreaterThan(plan.etaOffsetMs);
      expectIncreasing(plan.scans);
    }
  });

  it('holds the parcel at a pickup point after three failed attempts', () => {
    const plan = journey({ force: { failedAttempt: 3 } });
    expect(codes(plan.scans).slice(8)).toEqual(['OD', expect.stringMatching(/^FA-/), 'OD', expect.stringMatching(/^FA-/), 'OD', expect.stringMatching(/^FA-/), 'HP', 'DL']);
    expect(plan.outcome).toBe('delivered');
    expect(plan.deliveryOffsetMs).toBe(plan.scans.at(-1)!.offsetMs);
  });

  it('recovers from damage and weather exceptions at a hub, late', () => {
    for (const code of ['EX-DM', 'EX-WX'] as const) {
      const plan = journey({ force: { exception: code } });
      const i = plan.scans.findIndex((s) => s.code === code);
      expect(simHubs.some((h) => h.city === plan.scans[i]!.location.city)).toBe(true);
      expect(plan.scans[i - 1]!.code).toBe('AH');
      expect(plan.scans[i + 1]!.code).toBe('DH');
      expect(codes(plan.scans).slice(-2)).toEqual(['OD', 'DL']);
      expect(plan.outcome).toBe('delivered');
      expect(plan.deliveryOffsetMs!).toBeGreaterThan(plan.etaOffsetMs);
      expectIncreasing(plan.scans);
    }
  });

  it('holds an international parcel at customs where it enters the destination country', () => {
    const plan = journey({ destination: berlin, transitDays: 8, force: { exception: 'EX-CU' } });
    const held = plan.scans.find((s) => s.code === 'EX-CU')!;
    expect(held.location).toEqual({ city: 'Leipzig', region: 'SN', postal_code: null, country: 'DE' });
    expect(plan.outcome).toBe('delivered');
    expect(plan.scans.at(-1)!.location.city).toBe('Berlin');
  });

  it('ends a lost parcel with EX-LS and nothing after it', () => {
    const plan = journey({ force: { exception: 'EX-LS', failedAttempt: true, returnToSender: true, delay: true } });
    expect(plan.scans.at(-1)!.code).toBe('EX-LS');
    expect(codes(plan.scans)).not.toContain('OD');
    expect(codes(plan.scans)).not.toContain('DL');
    expect(plan.outcome).toBe('lost');
    expect(plan.deliveryOffsetMs).toBeNull();
    expectIncreasing(plan.scans);
  });

  it('returns to sender after failed attempts, back at the origin', () => {
    const plan = journey({ force: { returnToSender: true } });
    const c = codes(plan.scans);
    expect(c.filter((x) => x.startsWith('FA-')).length).toBeGreaterThanOrEqual(2);
    expect(c).not.toContain('DL');
    expect(c.at(-2)).toMatch(/^FA-/);
    expect(plan.scans.at(-1)!).toMatchObject({ code: 'RS', location: { city: 'Austin', country: 'US' } });
    expect(plan.outcome).toBe('returned_to_sender');
    expect(plan.deliveryOffsetMs).toBeNull();
    expectIncreasing(plan.scans);
    expect(codes(journey({ force: { returnToSender: true, failedAttempt: 1 } }).scans).filter((x) => x.startsWith('FA-'))).toHaveLength(1);
  });

  it('never departs from the normal journey with shares at 0, and always with a share at 1', () => {
    const numbers = Array.from({ length: 150 }, (_, i) => `SIM${String(i).padStart(15, '0')}`);
    const normal = new Set(['LC', 'PU', 'AH', 'DH', 'OD', 'DL']);
    for (const trackingNumber of numbers) {
      const plan = journey({ trackingNumber });
      expect(codes(plan.scans).every((c) => normal.has(c))).toBe(true);
      expect(plan.outcome).toBe('delivered');
      const all = (share: keyof SimShares) => codes(journey({ trackingNumber, shares: { ...none, [share]: 1 } }).scans);
      expect(all('delay').some((c) => c.startsWith('DY-'))).toBe(true);
      expect(all('failedAttempt').some((c) => c.startsWith('FA-'))).toBe(true);
      expect(all('exception').some((c) => c.startsWith('EX-'))).toBe(true);
      expect(all('returnToSender').at(-1)).toBe('RS');
    }
  });

  it('draws each case about as often as its share says', () => {
    const shares: SimShares = { delay: 0.2, failedAttempt: 0.1, exception: 0.05, returnToSender: 0.05 };
    let delayed = 0;
    let returned = 0;
    for (let i = 0; i < 2000; i++) {
      const c = codes(journey({ trackingNumber: `SIM${i}`, shares }).scans);
      if (c.some((x) => x.startsWith('DY-'))) delayed++;
      if (c.at(-1) === 'RS') returned++;
    }
    expect(delayed / 2000).toBeGreaterThan(0.16);
    expect(delayed / 2000).toBeLessThan(0.24);
    expect(returned / 2000).toBeGreaterThan(0.02);
    expect(returned / 2000).toBeLessThan(0.08);
  });

  it('keeps every journey in order and customer-facing scans on business days in working hours', () => {
    const rng = seededRandom('journeys');
    const place = (): JourneyPlace => {
      const hub = rng.pick(simHubs);
      return { city: 'Somewhere', region: null, postal_code: null, country: hub.country, latitude: hub.latitude + (rng.next() - 0.5) * 4, longitude: hub.longitude + (rng.next() - 0.5) * 4 };
    };
    const shares: SimShares = { delay: 0.3, failedAttempt: 0.3, exception: 0.3, returnToSender: 0.2 };
    for (let i = 0; i < 1500; i++) {
      const [origin, destination] = [place(), place()];
      const service = rng.pick(['ground', 'express', 'overnight']);
      if (!isSimServiceCode(service)) throw new Error(service);
      const km = Math.hypot(origin.latitude - destination.latitude, origin.longitude - destination.longitude) * 100;
      const labelCreatedAt = new Date(Date.UTC(2026, 10, 1) + rng.int(0, 60 * 24 * 30) * 60_000);
      const plan = planJourney({ trackingNumber: `SIM${i}`, service, transitDays: transitDaysFor(service, km, origin.country !== destination.country), origin, destination, shares, labelCreatedAt });
      expectIncreasing(plan.scans);
      const last = plan.scans.at(-1)!.code;
      expect({ delivered: 'DL', lost: 'EX-LS', returned_to_sender: 'RS' }[plan.outcome]).toBe(last);
      expect(plan.deliveryOffsetMs === null).toBe(plan.outcome !== 'delivered');
      for (const [k, s] of plan.scans.entries()) {
        const where = ['PU', 'RS'].includes(s.code) ? origin : destination;
        const at = local(s.offsetMs, where.longitude, labelCreatedAt);
        const afterHold = s.code === 'DL' && plan.scans[k - 1]!.code === 'HP';
        if (['PU', 'OD', 'RS', 'HP'].includes(s.code) || s.code.startsWith('FA-') || (s.code === 'DL' && !afterHold)) {
          expect(isBusinessDay(at), `${s.code} on ${at.toISOString()}`).toBe(true);
        }
        if (['PU', 'OD', 'DL', 'RS', 'HP'].includes(s.code) || s.code.startsWith('FA-')) {
          expect(at.getUTCHours(), `${s.code} at ${at.toISOString()}`).toBeGreaterThanOrEqual(8);
          expect(at.getUTCHours(), `${s.code} at ${at.toISOString()}`).toBeLessThan(20);
        }
      }
    }
  });

  it('refuses a service the sim does not have', () => {
    expect(() => journey({ service: 'freight' })).toThrow(RangeError);
  });
});
