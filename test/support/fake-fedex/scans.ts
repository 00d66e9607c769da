/**
 * FedEx scan events and track results for tests to give the fake (or to sign as a push), in the
 * Track API's field names.
 */
type Json = Record<string, any>;

const descriptions: Record<string, string> = {
  OC: 'Shipment information sent to FedEx',
  PU: 'Picked up',
  AR: 'Arrived at FedEx location',
  DP: 'Departed FedEx location',
  IT: 'In transit',
  OD: 'On FedEx vehicle for delivery',
  DL: 'Delivered',
  DE: 'Delivery exception',
  SE: 'Shipment exception',
  HL: 'Ready for pickup',
  RS: 'Returning package to shipper',
  CD: 'Clearance delay',
  DY: 'Delay',
};

const derived: Record<string, string> = { OC: 'IN', PU: 'PU', AR: 'IT', DP: 'IT', IT: 'IT', OD: 'IT', DL: 'DL', DE: 'DE', SE: 'SE', HL: 'HL', RS: 'RS', CD: 'CD', DY: 'DY' };

export interface ScanLocation {
  city?: string;
  stateOrProvinceCode?: string;
  postalCode?: string;
  countryCode?: string;
}

/** One scan event; `date` exactly as FedEx would write it (with an offset, or local without one). */
export function fedexScan(eventType: string, date: string, extra: Json & { scanLocation?: ScanLocation } = {}): Json {
  return {
    date,
    eventType,
    eventDescription: descriptions[eventType] ?? eventType,
    exceptionCode: '',
    exceptionDescription: '',
    scanLocation: { city: 'MEMPHIS', stateOrProvinceCode: 'TN', postalCode: '38118', countryCode: 'US', residential: false },
    locationType: 'FEDEX_FACILITY',
    derivedStatusCode: derived[eventType] ?? eventType,
    derivedStatus: descriptions[eventType] ?? eventType,
    ...extra,
  };
}

/** FedEx lists scans newest first; the latest status is the newest scan's. */
export function trackResultFor(scanEvents: Json[], extra: Json = {}): Json {
  const newest = [...scanEvents].sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0];
  return {
    latestStatusDetail: newest
      ? { code: newest.eventType, derivedCode: newest.derivedStatusCode, statusByLocale: newest.eventDescription, description: newest.eventDescription, scanLocation: newest.scanLocation }
      : { code: 'OC', derivedCode: 'IN', statusByLocale: 'Label created', description: 'Shipment information sent to FedEx' },
    scanEvents: [...scanEvents].sort((a, b) => Date.parse(b.date) - Date.parse(a.date)),
    ...extra,
  };
}
