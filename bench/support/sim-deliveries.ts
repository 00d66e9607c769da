/**
 * Webhook deliveries from the simulated carrier, built and signed as the sim signs them
 * (`x-sim-signature`, see src/shipping/carriers/sim/sim-signature.ts): in-transit hub scans in real
 * US hub cities (so that coordinates resolve), each with an id never used before and an
 * occurred_at just before now, so each delivery moves its shipment forward.
 */
import type { SimWebhookBody, SimWireEvent } from '../../src/shipping/carriers/sim/sim-events.js';
import { SIM_SIGNATURE_HEADER, signSimPayload } from '../../src/shipping/carriers/sim/sim-signature.js';
import { simEventDescriptions } from '../../src/shipping/carriers/sim/status-map.js';

export { SIM_SIGNATURE_HEADER };

export const HUB_CODES = ['AH', 'DH'] as const;

/** Hubs a parcel out of Dallas plausibly passes through: real cities the gazetteer places. */
export const hubs = [
  { city: 'Dallas', region: 'TX', postal_code: '75261', country: 'US' },
  { city: 'Memphis', region: 'TN', postal_code: '38118', country: 'US' },
  { city: 'Louisville', region: 'KY', postal_code: '40209', country: 'US' },
  { city: 'Indianapolis', region: 'IN', postal_code: '46241', country: 'US' },
  { city: 'Kansas City', region: 'MO', postal_code: '64153', country: 'US' },
  { city: 'Atlanta', region: 'GA', postal_code: '30320', country: 'US' },
  { city: 'Chicago', region: 'IL', postal_code: '60666', country: 'US' },
  { city: 'Denver', region: 'CO', postal_code: '80249', country: 'US' },
  { city: 'Phoenix', region: 'AZ', postal_code: '85034', country: 'US' },
  { city: 'Columbus', region: 'OH', postal_code: '43217', country: 'US' },
];

export interface SimDeliveryInput {
  trackingNumber: string;
  /** Unique per delivery (the server deduplicates deliveries by it); event ids derive from it. */
  deliveryId: string;
  events: number;
  /** Where in the hub list the scans start (vary it so the shipments wander). */
  hubOffset: number;
}

/** The raw body and its signature header value, signed with the sim's webhook secret. */
export function signedSimDelivery(secret: string, input: SimDeliveryInput, now = Date.now()): { body: string; signature: string } {
  const events: SimWireEvent[] = Array.from({ length: input.events }, (_, k) => {
    const code = HUB_CODES[k % HUB_CODES.length]!;
    return {
      id: `${input.deliveryId}-${k}`,
      code,
      description: simEventDescriptions[code],
      // Increasing within the delivery and ending just before now: each later delivery moves on.
      occurred_at: new Date(now - (input.events - k)).toISOString(),
      location: hubs[(input.hubOffset + k) % hubs.length]!,
    };
  });
  const delivery: SimWebhookBody = {
    delivery_id: input.deliveryId,
    tracking_number: input.trackingNumber,
    estimated_delivery: new Date(now + 3 * 86_400_000).toISOString(),
    events,
  };
  const body = JSON.stringify(delivery);
  return { body, signature: signSimPayload(secret, body, new Date(now)) };
}
