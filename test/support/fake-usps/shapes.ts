/**
 * USPS APIs 3.0 bodies as the fake answers them: the `ErrorMessage` error body, tracking
 * events in every timestamp form USPS uses, label metadata and its multipart envelope, and the
 * fake's price list. Shapes follow USPS's OpenAPI files and examples (USPS/api-examples).
 */

export type Json = Record<string, unknown>;

export function uspsError(api: string, status: number, message: string, items: { code: string; title: string; detail: string; parameter?: string }[]): Json {
  return {
    apiVersion: api,
    error: {
      code: String(status),
      message,
      errors: items.map((i) => ({ status: String(status), code: i.code, title: i.title, detail: i.detail, ...(i.parameter ? { source: { parameter: i.parameter } } : {}) })),
    },
  };
}

/**
 * How a scan spells its time:
 *  - `full`: local `eventTimestamp` + `GMTTimestamp` + `GMTOffset` (what Tracking 3.0 sends now);
 *  - `local-offset`: local `eventTimestamp` + `GMTOffset`, no GMT stamp;
 *  - `short-offset`: like `local-offset` with the one-digit hour of the OpenAPI example (`-7:00`);
 *  - `gmt-only`: `GMTTimestamp` with milliseconds alone;
 *  - `zulu`: `eventTimestamp` with a Z and nothing else (the README example's form).
 */
export type ScanForm = 'full' | 'local-offset' | 'short-offset' | 'gmt-only' | 'zulu';

export interface ScanInput {
  code: string;
  type: string;
  /** Local wall-clock time of the scan, `YYYY-MM-DDTHH:MM:SS`. */
  local: string;
  /** The scan's offset from GMT, `-06:00`. */
  offset: string;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  country?: string | null;
  /** Who signed (delivery scans). */
  name?: string | null;
  form?: ScanForm;
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{1,2}):(\d{2})$/.exec(offset);
  if (!m) throw new Error(`bad offset ${offset}`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

export function gmtOf(local: string, offset: string): string {
  return new Date(Date.parse(`${local}Z`) - offsetMinutes(offset) * 60_000).toISOString();
}

/** A Tracking 3.0 `TrackingEvent`. */
export function uspsScan(input: ScanInput): Json {
  const form = input.form ?? 'full';
  const event: Json = {
    eventType: input.type,
    eventCountry: input.country ?? null,
    eventCity: input.city ?? null,
    eventState: input.state ?? null,
    eventZIP: input.zip ?? null,
    firm: null,
    name: input.name ?? null,
    authorizedAgent: false,
    eventCode: input.code,
  };
  if (form === 'full' || form === 'local-offset' || form === 'short-offset') event.eventTimestamp = input.local;
  if (form === 'zulu') event.eventTimestamp = `${input.local}Z`;
  if (form === 'full' || form === 'gmt-only') event.GMTTimestamp = gmtOf(input.local, input.offset);
  if (form === 'full' || form === 'local-offset') event.GMTOffset = input.offset;
  if (form === 'short-offset') event.GMTOffset = input.offset.replace(/^([+-])0(\d)/, '$1$2');
  return event;
}

export interface TrackedItem {
  trackingNumber: string;
  mailClass: string;
  /** Newest last, as the fake is told them; answered newest first, as USPS does. */
  events: Json[];
  expectedDeliveryTimeStamp?: string | null;
  status?: string;
  statusCategory?: string;
}

export function trackingDetails(item: TrackedItem): Json {
  const latest = item.events[item.events.length - 1] ?? {};
  return {
    trackingNumber: item.trackingNumber,
    mailClass: item.mailClass,
    mailType: 'DOMESTIC_MAIL',
    status: item.status ?? latest.eventType ?? 'Label Created, not yet in system',
    statusCategory: item.statusCategory ?? 'In Transit',
    statusSummary: `Latest: ${String(latest.eventType ?? 'label created')}`,
    ...(item.expectedDeliveryTimeStamp ? { expectedDeliveryTimeStamp: item.expectedDeliveryTimeStamp } : {}),
    trackingEvents: [...item.events].reverse(),
  };
}

/** The fake's price list, in cents: a base per mail class plus a step per started pound. */
const priceTable: Record<string, { base: number; perPound: number; days: number }> = {
  USPS_GROUND_ADVANTAGE: { base: 540, perPound: 95, days: 3 },
  PRIORITY_MAIL: { base: 905, perPound: 160, days: 2 },
  PRIORITY_MAIL_EXPRESS: { base: 2880, perPound: 310, days: 1 },
};

export const knownMailClasses = Object.keys(priceTable);

export function listPriceCents(mailClass: string, pounds: number): number {
  const p = priceTable[mailClass]!;
  return p.base + p.perPound * Math.max(0, Math.ceil(pounds) - 1);
}

export function serviceDays(mailClass: string): number {
  return priceTable[mailClass]!.days;
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** A multipart/form-data body with the label's metadata and its Base64 image, as USPS sends. */
export function labelMultipart(boundary: string, metadata: Json, pdf: Buffer): string {
  return [
    `--${boundary}`,
    'Content-Type: application/json',
    'Content-Disposition: form-data; name="labelMetadata"',
    '',
    JSON.stringify(metadata, null, 4),
    `--${boundary}`,
    'Content-Type: application/pdf',
    'Content-Disposition: form-data; filename="labelImage.pdf"; name="labelImage"',
    '',
    pdf.toString('base64'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
