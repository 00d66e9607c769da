/** Shipping: carriers, rate shopping, labels and shipments. Tracking (../tracking) feeds the shipments. */
export { createCarriers, carriersFrom, type Carriers } from './carrier-registry.js';
export { advanceSim } from './carriers/sim/index.js';
export type { ShippingDeps } from './shipping-deps.js';
export { shippingJobHandlers, shippingJobs, markReadyToShip } from './jobs.js';
export { buyShipments, resumePurchases, NoRateError } from './buy-shipments.js';
export { recordShipmentLeft, syncOrderWithShipments } from './order-progress.js';
export {
  findShipment,
  lockShipment,
  listShipments,
  shipmentsOfOrder,
  shipmentIdsByTrackingNumbers,
  shipmentViews,
  shipmentViewOrThrow,
  destinationView,
  shipmentFromRow,
  trackingNumbersOf,
  trackingEventsOf,
  trackingEventView,
  updateShipment,
  type Shipment,
  type StoredParcel,
  type PackageProgress,
} from './shipment.repository.js';
export { CityDestinationSchema, ShipmentSchema, TrackingEventSchema, ShipmentStatusSchema, type ShipmentView, type TrackingEventView } from './shipment.schemas.js';
export { isTerminalShipmentStatus } from './shipment-terminal.js';
export type { Carrier, CarrierAddress, CarrierEvent, CarrierName, EventLocation, WebhookTracking } from './carriers/carrier.js';
export { ManualScanBody, ShipmentIdParams } from './shipment.schemas.js';
export { shipmentRoutes } from './shipments.routes.js';
export { shipmentStatuses, type IncidentReason, type ShipmentStatus } from './carriers/tracking-vocabulary.js';
export { CarrierError } from './carriers/carrier.js';
export { priceReturnLabel, openReturnShipment, type ReturnLabelPlan, type ReturnLabelRequest } from './return-label.js';
