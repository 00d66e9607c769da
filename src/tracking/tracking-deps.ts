/** Tracking works with what shipping works with. */
export type { ShippingDeps as TrackingDeps } from '../shipping/index.js';
