/**
 * A simulated parcel's whole journey, planned at label time: every scan it will have, each at an
 * offset in simulated milliseconds after the label was created (the adapter plays them back faster
 * than real time). Pure: the same tracking number gives the same journey, so the sim can re-plan it
 * from the number alone instead of storing it, and tests can pin every case.
 *
 * The calendar: each place keeps the solar time of its longitude (UTC offset = longitude / 15,
 * rounded to the hour; close to real zones, with no daylight saving), so that a van goes out at
 * about 08:00 where the parcel is, not 08:00 UTC. Customer-facing scans (pickup, delivery, attempts,
 * pickup point, return) happen on business days in working hours; hubs sort around the clock, as real
 * sort hubs mostly do at night. Business days are Monday to Friday, as in carrier-time.ts.
 *
 * The cases (shares of SimShares, drawn independently, or forced):
 *  - delay: a DY-* scan at a hub, the parcel stalls there 1–2 business days, delivery comes late;
 *  - exception: an EX-* scan at a hub (customs at the first hub in the destination country); damage,
 *    weather and customs stall it 1–2 business days and the journey goes on late; lost (EX-LS) is
 *    declared 2–3 days after its last hub scan and nothing follows;
 *  - failed attempt: FA-* on the delivery day, out again the next business day; after 3 failures the
 *    parcel waits at a pickup point (HP) until collected (DL);
 *  - return to sender: 2–3 failed attempts, then RS back at the origin after the transit time.
 * Lost beats return to sender, which beats plain failed attempts; delays and exceptions add up.
 *
 * The ETA is the end of the delivery window (19:00 destination time) on the nominal day: the pickup
 * day plus `transitDays` business days. The pickup day is the label's day when the label is made on a
 * business day by 16:00, else the next business day (so the rate quote's date, counted from the ship
 * date, can be a day earlier for a label made late or at the weekend).
 */
import type { SimShares } from '../../../config-shipping.js';
import type { EventLocation } from '../carrier.js';
import { addBusinessDays } from '../carrier-time.js';
import { routeVia, type Hub } from './network.js';
import { seededRandom, type Random } from './random.js';
import { isSimServiceCode } from './services.js';
import { simEventDescriptions, type SimDelayCode, type SimEventCode, type SimExceptionCode, type SimFailedAttemptCode } from './status-map.js';

export interface JourneyPlace {
  city: string;
  region?: string | null;
  postal_code?: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latitude: number;
  longitude: number;
}

/** Cases to force regardless of the shares (true/a value: happens; false: does not; absent: drawn). */
export interface JourneyForce {
  /** Or the business days of the delay. */
  delay?: boolean | 1 | 2;
  /** Or how many attempts fail (3 sends the parcel to a pickup point). */
  failedAttempt?: boolean | 1 | 2 | 3;
  exception?: SimExceptionCode | false;
  returnToSender?: boolean;
}

export interface JourneyInput {
  trackingNumber: string;
  /** Waybill's sim service code (ground, express, overnight). */
  service: string;
  /** Nominal business days in transit (transitDaysFor). */
  transitDays: number;
  origin: JourneyPlace;
  destination: JourneyPlace;
  shares: SimShares;
  /** Seeds the journey instead of the tracking number (to reproduce or pick a journey in tests). */
  seed?: string;
  force?: JourneyForce;
  /**
   * When the label was made, in simulated time: places scans on working hours and business days.
   * Without it the plan assumes a label made on a Monday at 10:00 origin time.
   */
  labelCreatedAt?: Date;
}

export interface PlannedScan {
  /** Simulated milliseconds after label creation; strictly increasing along a journey. */
  offsetMs: number;
  code: SimEventCode;
  description: string;
  location: EventLocation;
}

export type JourneyOutcome = 'delivered' | 'returned_to_sender' | 'lost';

export interface JourneyPlan {
  scans: PlannedScan[];
  /** The DL scan's offset; null when the parcel is lost or returned. */
  deliveryOffsetMs: number | null;
  /** The end of the nominal delivery day's window, whatever happens later. */
  etaOffsetMs: number;
  outcome: JourneyOutcome;
  /** The hubs the parcel passes (routeVia), for the adapter's own use. */
  hubs: Hub[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2024-01-01, a Monday, as a day number: the calendar of a plan made without a label time. */
const DEFAULT_LABEL_DAY = Date.UTC(2024, 0, 1) / DAY;
/** A label made later than this (origin time) is picked up the next business day. */
const PICKUP_CUTOFF_MINUTES = 16 * 60;
const ETA_MINUTES = 19 * 60;

/** Solar time: hours east of UTC as the longitude says, in ms. */
function zoneOffset(longitude: number): number {
  return Math.round(longitude / 15) * HOUR;
}

/** A calendar day (days since 1970-01-01) and minute of the day at a zone offset → UTC ms. */
function at(day: number, minuteOfDay: number, offset: number): number {
  return day * DAY + minuteOfDay * MINUTE - offset;
}

function dayOf(t: number, offset: number): number {
  return Math.floor((t + offset) / DAY);
}

function isBusinessDay(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // day 0 was a Thursday
  return weekday !== 0 && weekday !== 6;
}

function plusBusinessDays(day: number, n: number): number {
  return Date.parse(addBusinessDays(new Date(day * DAY), n)) / DAY;
}

function weighted<T>(roll: number, choices: ReadonlyArray<readonly [T, number]>): T {
  let acc = 0;
  for (const [value, weight] of choices) {
    acc += weight;
    if (roll < acc) return value;
  }
  return choices[choices.length - 1]![0];
}

interface Cases {
  delayDays: number;
  delayCode: SimDelayCode;
  exception: SimExceptionCode | null;
  exceptionDays: number;
  failedAttempts: number;
  returnToSender: boolean;
  /** Rolls in [0, 1) that pick the hub of the delay and of the exception. */
  delayHubRoll: number;
  exceptionHubRoll: number;
}

/**
 * Which cases happen. Every roll is drawn whatever the shares and forces, in a fixed order, so that
 * forcing one case leaves the rest of a tracking number's journey (its times) as it was.
 */
function drawCases(rng: Random, shares: SimShares, force: JourneyForce, international: boolean): Cases {
  const roll = { delay: rng.next(), failed: rng.next(), exception: rng.next(), returnToSender: rng.next() };
  const detail = {
    delayDays: rng.int(1, 2),
    delayCode: weighted<SimDelayCode>(rng.next(), [['DY-WX', 0.4], ['DY-CD', 0.6]]),
    exception: weighted<SimExceptionCode>(
      rng.next(),
      international ? [['EX-DM', 0.35], ['EX-WX', 0.25], ['EX-CU', 0.3], ['EX-LS', 0.1]] : [['EX-DM', 0.5], ['EX-WX', 0.4], ['EX-LS', 0.1]],
    ),
    exceptionDays: rng.int(1, 2),
    failedAttempts: weighted(rng.next(), [[1, 0.6], [2, 0.25], [3, 0.15]] as const),
    returnAttempts: rng.int(2, 3),
    delayHubRoll: rng.next(),
    exceptionHubRoll: rng.next(),
  };
  const delay = force.delay ?? roll.delay < shares.delay;
  const exception = force.exception ?? (roll.exception < shares.exception ? detail.exception : false);
  const returnToSender = force.returnToSender ?? roll.returnToSender < shares.returnToSender;
  const failed = force.failedAttempt ?? roll.failed < shares.failedAttempt;
  const failedAttempts = typeof failed === 'number' ? failed : returnToSender ? detail.returnAttempts : failed ? detail.failedAttempts : 0;
  return {
    delayDays: delay === false ? 0 : delay === true ? detail.delayDays : delay,
    delayCode: detail.delayCode,
    exception: exception === false ? null : exception,
    exceptionDays: exception === false || exception === 'EX-LS' ? 0 : detail.exceptionDays,
    failedAttempts,
    returnToSender,
    delayHubRoll: detail.delayHubRoll,
    exceptionHubRoll: detail.exceptionHubRoll,
  };
}

interface Incident {
  hub: number;
  code: SimDelayCode | SimExceptionCode;
  /** Business days the parcel stalls at the hub. */
  days: number;
}

function incidentsOf(cases: Cases, hubs: readonly Hub[], destinationCountry: string): Incident[] {
  const incidents: Incident[] = [];
  const hubAt = (roll: number) => Math.min(hubs.length - 1, Math.floor(roll * hubs.length));
  if (cases.delayDays > 0) incidents.push({ hub: hubAt(cases.delayHubRoll), code: cases.delayCode, days: cases.delayDays });
  if (cases.exception) {
    // Customs holds a parcel where it enters the destination country.
    const entry = hubs.findIndex((h) => h.country === destinationCountry);
    const hub = cases.exception === 'EX-CU' ? (entry >= 0 ? entry : hubs.length - 1) : hubAt(cases.exceptionHubRoll);
    incidents.push({ hub, code: cases.exception, days: cases.exceptionDays });
  }
  // In route order; at one hub the delay comes first (and a loss always last).
  return incidents.sort((a, b) => a.hub - b.hub || Number(a.code === 'EX-LS') - Number(b.code === 'EX-LS'));
}

function placeLocation(p: JourneyPlace): EventLocation {
  return { city: p.city, region: p.region ?? null, postal_code: p.postal_code ?? null, country: p.country.toUpperCase() };
}

function hubLocation(h: Hub): EventLocation {
  return { city: h.city, region: h.region, postal_code: null, country: h.country };
}

export function planJourney(input: JourneyInput): JourneyPlan {
  if (!isSimServiceCode(input.service)) throw new RangeError(`sim journey: unknown service "${input.service}"`);
  if (input.trackingNumber === '') throw new RangeError('sim journey: no tracking number');
  const { origin, destination } = input;
  const rng = seededRandom(input.seed ?? input.trackingNumber);
  const international = origin.country.toUpperCase() !== destination.country.toUpperCase();
  const cases = drawCases(rng, input.shares, input.force ?? {}, international);
  const hubs = routeVia(origin, destination);
  const incidents = incidentsOf(cases, hubs, destination.country.toUpperCase());
  const transitDays = Math.max(1, Math.round(input.transitDays));
  const zoneO = zoneOffset(origin.longitude);
  const zoneD = zoneOffset(destination.longitude);
  const t0 = input.labelCreatedAt ? input.labelCreatedAt.getTime() : at(DEFAULT_LABEL_DAY, 10 * 60, zoneO);
  if (!Number.isFinite(t0)) throw new RangeError('sim journey: labelCreatedAt is not a valid date');

  const scans: PlannedScan[] = [];
  let last = t0;
  /** Adds a scan no earlier than a minute after the previous one, on a whole minute. */
  const scan = (t: number, code: SimEventCode, location: EventLocation): number => {
    const when = scans.length === 0 ? t : Math.max(Math.ceil(t / MINUTE) * MINUTE, last + MINUTE);
    scans.push({ offsetMs: when - t0, code, description: simEventDescriptions[code], location });
    last = when;
    return when;
  };
  const from = placeLocation(origin);
  const to = placeLocation(destination);
  scan(t0, 'LC', from);

  // Pickup: the same afternoon when the label is made on a business day before the cutoff.
  const labelDay = dayOf(t0, zoneO);
  const sameDay = isBusinessDay(labelDay) && t0 - at(labelDay, 0, zoneO) <= PICKUP_CUTOFF_MINUTES * MINUTE;
  const afterLabel = t0 + rng.int(60, 180) * MINUTE;
  const morning = 9 * 60 + rng.int(0, 180);
  const pickupDay = sameDay ? labelDay : plusBusinessDays(labelDay, 1);
  const pickup = scan(sameDay ? Math.max(afterLabel, at(pickupDay, morning, zoneO)) : at(pickupDay, morning, zoneO), 'PU', from);

  // The nominal delivery day, pushed on when the hubs could not fit before it (an eastbound
  // overnight trip can "arrive" before it left in local dates).
  const outMinute = 8 * 60 + rng.int(0, 40);
  const outAt = (day: number) => at(day, outMinute, zoneD);
  let nominalDay = plusBusinessDays(pickupDay, transitDays);
  while (outAt(nominalDay) < pickup + (2 * hubs.length + 2) * 45 * MINUTE) nominalDay = plusBusinessDays(nominalDay, 1);
  const eta = at(nominalDay, ETA_MINUTES, zoneD);

  // Hubs on the nominal schedule: visits spread evenly between pickup and the van's departure.
  const start = pickup + HOUR;
  const slot = (outAt(nominalDay) - HOUR - start) / hubs.length;
  const arrivals = hubs.map((_, k) => start + slot * (k + 0.1 + 0.3 * rng.next()));
  const departures = arrivals.map((a, k) => {
    const dwell = Math.min(rng.int(90, 360) * MINUTE, slot * 0.5);
    // The last hub sends the parcel to the delivery station in the early morning.
    return k === hubs.length - 1 ? Math.max(a + dwell, outAt(nominalDay) - rng.int(90, 180) * MINUTE) : a + dwell;
  });

  let shifted = 0;
  let stalledDays = 0;
  for (const [k, hub] of hubs.entries()) {
    const arrived = scan(arrivals[k]! + shifted, 'AH', hubLocation(hub));
    const shiftedOnArrival = shifted;
    for (const incident of incidents.filter((i) => i.hub === k)) {
      if (incident.code === 'EX-LS') {
        // No scan for days, then the search gives up: the journey ends here.
        scan(arrived + rng.int(48 * 60, 72 * 60) * MINUTE, 'EX-LS', hubLocation(hub));
        return { scans, deliveryOffsetMs: null, etaOffsetMs: eta - t0, outcome: 'lost', hubs };
      }
      // A second incident at the same hub comes after the first one's stall.
      scan(arrived + (shifted - shiftedOnArrival) + rng.int(30, 150) * MINUTE, incident.code, hubLocation(hub));
      // Everything after the stall moves by whole delivery days, so the van still leaves at its hour.
      const before = outAt(plusBusinessDays(nominalDay, stalledDays));
      stalledDays += incident.days;
      shifted += outAt(plusBusinessDays(nominalDay, stalledDays)) - before;
    }
    scan(departures[k]! + shifted, 'DH', hubLocation(hub));
  }

  let day = plusBusinessDays(nominalDay, stalledDays);
  let out = outAt(day);
  for (let attempt = 0; attempt < cases.failedAttempts; attempt++) {
    const tried = scan(out, 'OD', to);
    const code = weighted<SimFailedAttemptCode>(rng.next(), [['FA-NH', 0.6], ['FA-AD', 0.2], ['FA-BC', 0.2]]);
    scan(tried + rng.int(120, 540) * MINUTE, code, to);
    day = plusBusinessDays(day, 1);
    out = at(day, 8 * 60 + rng.int(0, 40), zoneD);
  }
  if (cases.returnToSender) {
    const back = plusBusinessDays(dayOf(last, zoneD), transitDays);
    scan(at(back, 10 * 60 + rng.int(0, 360), zoneO), 'RS', from);
    return { scans, deliveryOffsetMs: null, etaOffsetMs: eta - t0, outcome: 'returned_to_sender', hubs };
  }
  let delivered: number;
  if (cases.failedAttempts >= 3) {
    // Pickup points open on Saturdays too: the recipient collects within two calendar days.
    const held = scan(at(day, 9 * 60 + rng.int(0, 120), zoneD), 'HP', to);
    delivered = scan(at(dayOf(held, zoneD) + rng.int(0, 2), 12 * 60 + rng.int(0, 360), zoneD), 'DL', to);
  } else {
    const left = scan(out, 'OD', to);
    delivered = scan(left + rng.int(120, 480) * MINUTE, 'DL', to);
  }
  return { scans, deliveryOffsetMs: delivered - t0, etaOffsetMs: eta - t0, outcome: 'delivered', hubs };
}
