/**
 * UPS Track API (`GET /api/track/v1/details/{inquiryNumber}`) answers → TrackResult. Pure.
 *
 * A number UPS does not know comes back as HTTP 200 with `shipment[].warnings[{code:"TW0001",
 * message:"Tracking Information Not Found"}]` and no packages (what production sends), or as the
 * documented 404 with a UPS error body; an invalid number as 400 `TV1002`. All are `found: false`.
 * Activities come newest first; each carries its GMT date and time (preferred) and its local
 * date, time and `gmtOffset`. `deliveryDate[]` holds SDD (scheduled), RDD (rescheduled) and DEL
 * (delivered) dates; `deliveryTime` a window (EDW/CDW/IDW), commit time (CMT) or end of day (EOD).
 */
import type { CarrierEvent, TrackResult } from '../carrier.js';
import { parseOffsetMinutes } from '../carrier-time.js';
import { readUpsError } from './errors.js';
import { chronological, imageDataUrl, upsEvent } from './events.js';
import { list, record, str, type Json } from './shapes.js';
import { activityInstant, etaInstant } from './times.js';

const NOT_FOUND = 'Tracking Information Not Found';

function packageEvents(pkg: Json, fallbackNumber: string): CarrierEvent[] {
  const trackingNumber = str(pkg.trackingNumber) ?? fallbackNumber;
  const delivery = record(pkg.deliveryInformation);
  const signedBy = str(delivery?.receivedBy);
  const proof = imageDataUrl(record(delivery?.signature)?.image) ?? imageDataUrl(record(delivery?.deliveryPhoto)?.photo);
  const events: CarrierEvent[] = [];
  for (const activity of list(pkg.activity)) {
    const occurredAt = activityInstant(activity);
    if (occurredAt === null) continue; // a scan with no readable time cannot be placed in the history
    const status = record(activity.status);
    const address = record(record(activity.location)?.address);
    events.push(
      upsEvent({
        trackingNumber,
        type: status?.type,
        code: status?.code,
        statusCode: status?.statusCode,
        description: status?.description,
        occurredAt,
        city: address?.city,
        region: address?.stateProvince,
        postalCode: address?.postalCode,
        country: address?.countryCode ?? address?.country,
        signedBy,
        proofOfDelivery: proof,
        raw: activity,
      }),
    );
  }
  return events;
}

/** The rescheduled date over the scheduled one; the window's end when UPS gives a window or commit time. */
export function packageEta(pkg: Json): string | null {
  const dates = list(pkg.deliveryDate);
  const pick = (type: string) => dates.find((d) => str(d.type)?.toUpperCase() === type);
  const date = pick('RDD') ?? pick('SDD');
  if (!date) return null;
  const time = record(pkg.deliveryTime);
  const windowed = ['EDW', 'CDW', 'IDW', 'CMT'].includes(str(time?.type)?.toUpperCase() ?? '');
  // Delivery times are local to the destination; the latest scan's offset is the nearest known one.
  const offsetText = str(list(pkg.activity)[0]?.gmtOffset);
  const offset = offsetText === null ? null : parseOffsetMinutes(offsetText);
  return etaInstant(date.date, windowed ? time?.endTime : null, offset);
}

function warningText(shipments: Json[]): string {
  const warning = shipments.flatMap((s) => list(s.warnings))[0];
  return warning ? [str(warning.code), str(warning.message)].filter(Boolean).join(' ') : NOT_FOUND;
}

export type TrackReading = TrackResult | { unexpected: string };

export function parseTrackResponse(trackingNumber: string, status: number, body: unknown): TrackReading {
  if (status === 404 || status === 400) {
    const error = readUpsError(body);
    if (status === 404) return { found: false, trackingNumber, message: error ? `${error.code} ${error.message}`.trim() : NOT_FOUND };
    // 400 is a number UPS will not track (TV1002 "Invalid inquiry number"); other 400s are Waybill bugs.
    if (error && /^TV/i.test(error.code)) return { found: false, trackingNumber, message: `${error.code} ${error.message}`.trim() };
    return { unexpected: `HTTP 400: ${error ? `${error.code} ${error.message}` : 'no error body'}` };
  }
  const response = record(record(body)?.trackResponse);
  if (status !== 200 || response === null) return { unexpected: `HTTP ${status}: not a trackResponse` };
  const shipments = list(response.shipment);
  const packages = shipments.flatMap((s) => list(s.package));
  if (packages.length === 0) return { found: false, trackingNumber, message: warningText(shipments) };
  const own = packages.find((p) => str(p.trackingNumber) === trackingNumber) ?? packages[0]!;
  return {
    found: true,
    trackingNumber,
    events: chronological(packages.flatMap((p) => packageEvents(p, trackingNumber))),
    estimatedDelivery: packageEta(own),
  };
}
