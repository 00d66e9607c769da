/**
 * Builders for the scans the fake UPS reports, in each timestamp form UPS uses, so tests state the
 * instant once and choose how UPS writes it.
 *  - `gmt-colon`: `gmtDate` + `gmtTime` "HH:MM:SS" (what production sends), plus local fields.
 *  - `gmt-compact`: `gmtTime` "HHMMSS".
 *  - `gmt-dropped-zero`: `gmtTime` with its leading zero dropped ("74700"): only for hours < 10.
 *  - `local-offset`: only local `date` + `time` and `gmtOffset`.
 */
import type { Json } from './state.js';

export type TimestampForm = 'gmt-colon' | 'gmt-compact' | 'gmt-dropped-zero' | 'local-offset';

export interface ScanSpec {
  type: string;
  code?: string;
  statusCode?: string;
  description: string;
  /** The instant (UTC). */
  at: string;
  /** The scan place's offset, `-05:00`. */
  offset?: string;
  form?: TimestampForm;
  city?: string;
  stateProvince?: string;
  postalCode?: string;
  countryCode?: string;
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset)!;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function parts(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10).replace(/-/g, ''), time: iso.slice(11, 19).replace(/:/g, '') };
}

/** A Track API `activity` object. */
export function scan(spec: ScanSpec): Json {
  const offset = spec.offset ?? '-05:00';
  const instant = new Date(spec.at);
  const local = parts(new Date(instant.getTime() + offsetMinutes(offset) * 60_000));
  const gmt = parts(instant);
  const form = spec.form ?? 'gmt-colon';
  const activity: Json = {
    location: { address: { city: spec.city ?? '', stateProvince: spec.stateProvince ?? '', postalCode: spec.postalCode ?? '', country: spec.countryCode ?? 'US', countryCode: spec.countryCode ?? 'US' }, slic: '8566' },
    status: { type: spec.type, description: spec.description, code: spec.code ?? '', statusCode: spec.statusCode ?? '' },
    date: local.date,
    time: local.time,
  };
  if (form === 'local-offset') return { ...activity, gmtOffset: offset };
  const gmtTime =
    form === 'gmt-colon' ? `${gmt.time.slice(0, 2)}:${gmt.time.slice(2, 4)}:${gmt.time.slice(4, 6)}`
    : form === 'gmt-dropped-zero' ? gmt.time.replace(/^0/, '')
    : gmt.time;
  return { ...activity, gmtDate: gmt.date, gmtOffset: offset, gmtTime };
}

export interface PackageSpec {
  trackingNumber: string;
  /** Newest first, as UPS lists them. */
  activity: Json[];
  /** `[{type:'SDD'|'RDD'|'DEL', date:'YYYYMMDD'}]`. */
  deliveryDate?: Json[];
  deliveryTime?: { type: string; startTime?: string; endTime?: string };
  receivedBy?: string;
  signatureImage?: string;
}

/** A Track API `package` object. */
export function trackPackage(spec: PackageSpec): Json {
  const pkg: Json = {
    trackingNumber: spec.trackingNumber,
    deliveryDate: spec.deliveryDate ?? [],
    activity: spec.activity,
    currentStatus: spec.activity[0]?.status ?? {},
    packageCount: 1,
    service: { code: '003', levelCode: '003', description: 'UPS Ground' },
    weight: { unitOfMeasurement: 'LBS', weight: '2.00' },
  };
  if (spec.deliveryTime) pkg.deliveryTime = spec.deliveryTime;
  if (spec.receivedBy !== undefined || spec.signatureImage !== undefined) {
    pkg.deliveryInformation = { location: 'Front Door', receivedBy: spec.receivedBy ?? '', signature: { image: spec.signatureImage ?? '' } };
  }
  return pkg;
}
