/**
 * Names for the generated shapes the pages use (schema.d.ts has them only by path). Shared schemas
 * with an $id on the server are `Schemas['Order']`, `Schemas['Problem']`…
 */
import type { components, paths } from './schema.js';

export type Schemas = components['schemas'];

/** The JSON body of an answer (`Json<paths['/x']['get']['responses'][200]>`). */
export type Json<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;

export type PublicTracking = Json<paths['/api/v1/track/{token}']['get']['responses'][200]>;
export type PublicShipment = PublicTracking['shipments'][number];
export type PublicTrackingEvent = PublicShipment['events'][number];

export type CustomerSession = Json<paths['/portal/auth/login']['post']['responses'][200]>;
export type Account = CustomerSession['account'];
export type StaffSession = Json<paths['/auth/login']['post']['responses'][200]>;
export type StaffUser = StaffSession['user'];

export type PortalOrderPage = Json<paths['/portal/orders']['get']['responses'][200]>;
export type PortalOrderSummary = PortalOrderPage['data'][number];

// Admin operations (shipments, inventory, replenishment, notifications, jobs, webhooks, users, API keys)
export type ShipmentListPage = Json<paths['/api/v1/shipments']['get']['responses'][200]>;
export type ShipmentListItem = ShipmentListPage['data'][number];
export type ShipmentStatus = ShipmentListItem['status'];
export type Warehouse = Schemas['Warehouse'];
export type ProductSummary = Schemas['Product'];
export type StockRow = Schemas['Stock'];
export type StockMovement = Schemas['StockMovement'];
export type ReorderPolicy = Json<paths['/api/v1/inventory/{sku}/{warehouse}/reorder-policy']['get']['responses'][200]>;
export type Supplier = Schemas['Supplier'];
export type PurchaseOrder = Schemas['PurchaseOrder'];
export type PurchaseOrderStatus = PurchaseOrder['status'];
export type NotificationSummary = Json<paths['/api/v1/notifications']['get']['responses'][200]>['data'][number];
export type NotificationStatus = NotificationSummary['status'];
export type NotificationDetail = Json<paths['/api/v1/notifications/{id}']['get']['responses'][200]>;
export type Job = Json<paths['/api/v1/jobs']['get']['responses'][200]>['data'][number];
export type JobStatus = Job['status'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type CreatedWebhookEndpoint = Json<paths['/api/v1/webhook-endpoints']['post']['responses'][201]>;
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookEventTypes = Json<paths['/api/v1/webhook-event-types']['get']['responses'][200]>;
export type StaffUserRecord = Schemas['StaffUser'];
export type StaffRole = StaffUserRecord['role'];
export type ApiKeyRecord = Schemas['ApiKey'];
export type CreatedApiKey = Json<paths['/api/v1/api-keys']['post']['responses'][201]>;

// Customer portal (order detail, returns, preferences)
export type PortalOrder = Json<paths['/portal/orders/{id}']['get']['responses'][200]>;
export type PortalOrderLine = PortalOrder['lines'][number];
export type PortalShipment = PortalOrder['shipments'][number];
export type PortalTrackingEvent = PortalShipment['events'][number];
export type PortalTimelineEntry = PortalOrder['timeline'][number];
export type PortalReturn = Schemas['Return'];
export type PortalReturnLine = PortalReturn['lines'][number];
export type ReturnPolicy = Json<paths['/portal/returns/policy']['get']['responses'][200]>;
export type Returnable = Json<paths['/portal/orders/{id}/returnable']['get']['responses'][200]>;
export type ReturnReasonOption = ReturnPolicy['reasons'][number];
export type PortalReturnRequest = NonNullable<paths['/portal/orders/{id}/returns']['post']['requestBody']>['content']['application/json'];
export type NotificationPreferences = Json<paths['/portal/preferences']['get']['responses'][200]>;
export type DeliveryFeedback = Schemas['DeliveryFeedback'];

// Admin core (dashboard, exceptions, orders, returns)
export type AdminOrder = Schemas['Order'];
export type AdminOrderLine = AdminOrder['lines'][number];
export type AdminOrderStatus = AdminOrder['status'];
export type AdminOrderPage = Json<paths['/api/v1/orders']['get']['responses'][200]>;
export type AdminOrderEvent = Schemas['OrderEvent'];
export type AdminShipment = Schemas['Shipment'];
export type AdminTrackingEvent = Schemas['TrackingEvent'];
export type ManualScanInput = NonNullable<paths['/api/v1/shipments/{id}/events']['post']['requestBody']>['content']['application/json'];
export type AdminRates = Json<paths['/api/v1/orders/{id}/rates']['get']['responses'][200]>;
export type AdminRateQuote = AdminRates['data'][number];
export type AdminRefund = Json<paths['/api/v1/orders/{id}/refunds']['post']['responses'][201]>;
export type AdminReturn = Schemas['Return'];
export type AdminReturnStatus = AdminReturn['status'];
export type AdminReturnPage = Json<paths['/api/v1/returns']['get']['responses'][200]>;
export type AdminReturnPolicy = Json<paths['/api/v1/returns/policy']['get']['responses'][200]>;
export type CarrierPerformance = Json<paths['/api/v1/analytics/carriers']['get']['responses'][200]>;
export type CarrierPerformanceRow = CarrierPerformance['carriers'][number];
export type AnalyticsOverview = Json<paths['/api/v1/analytics/overview']['get']['responses'][200]>;
