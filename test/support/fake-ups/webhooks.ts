/**
 * Track Alert deliveries as UPS sends them: one JSON event per POST, the subscription's opaque
 * `credential` header, User-Agent `UPSPubSubTrackingService`.
 */
import type { Json } from './state.js';

export interface AlertSpec {
  trackingNumber: string;
  type: string;
  code: string;
  descriptionCode?: string;
  description: string;
  /** The instant (UTC). */
  at: string;
  /** The scan place's offset, `-04:00`. */
  offset?: string;
  city?: string;
  stateProvince?: string;
  postalCode?: string;
  country?: string;
  scheduledDeliveryDate?: string;
  deliveryStartTime?: string;
  deliveryEndTime?: string;
  deliveryTimeDescription?: string;
  delivered?: boolean;
  /** Leave out the GMT fields (only the local date and time, which carry no offset). */
  withoutGmt?: boolean;
}

function compact(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10).replace(/-/g, ''), time: iso.slice(11, 19).replace(/:/g, '') };
}

/** A `TrackingEventRequest` body (UPSTrackAlert.yaml). */
export function trackAlertEvent(spec: AlertSpec): Json {
  const offset = spec.offset ?? '-04:00';
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset)!;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const instant = new Date(spec.at);
  const local = compact(new Date(instant.getTime() + minutes * 60_000));
  const gmt = compact(instant);
  return {
    trackingNumber: spec.trackingNumber,
    localActivityDate: local.date,
    localActivityTime: local.time,
    activityLocation: { city: spec.city ?? '', stateProvince: spec.stateProvince ?? '', postalCode: spec.postalCode ?? '', country: spec.country ?? 'US' },
    activityStatus: { type: spec.type, code: spec.code, description: spec.description, descriptionCode: spec.descriptionCode ?? '' },
    scheduledDeliveryDate: spec.scheduledDeliveryDate ?? '',
    actualDeliveryDate: spec.delivered ? local.date : '',
    actualDeliveryTime: spec.delivered ? local.time : '',
    gmtActivityDate: spec.withoutGmt ? '' : gmt.date,
    gmtActivityTime: spec.withoutGmt ? '' : gmt.time,
    deliveryStartTime: spec.deliveryStartTime ?? '',
    deliveryEndTime: spec.deliveryEndTime ?? '',
    deliveryTimeDescription: spec.deliveryTimeDescription ?? '',
    deliveryPhoto: '',
  };
}

export interface WebhookDeliveryFixture {
  body: Buffer;
  headers: Record<string, string>;
}

export function trackAlertDelivery(event: Json | Json[], credential: string): WebhookDeliveryFixture {
  return {
    body: Buffer.from(JSON.stringify(event)),
    headers: { 'content-type': 'application/json', 'user-agent': 'UPSPubSubTrackingService', credential },
  };
}
