/**
 * Row types of every table, shared by both dialects. Times are RFC 3339 UTC text, JSON is text,
 * booleans are 0/1 integers: one representation that behaves the same on SQLite and PostgreSQL.
 */
import type { ReturnLineTable, ReturnTable } from './schema-returns.js';

export type { ReturnLineTable, ReturnTable } from './schema-returns.js';
import type { OpenReorderTable, PurchaseOrderLineTable, PurchaseOrderTable, ReorderPolicyTable, SupplierTable } from './schema-replenishment.js';

export type { OpenReorderTable, PurchaseOrderLineTable, PurchaseOrderTable, ReorderPolicyTable, SupplierTable } from './schema-replenishment.js';
import type { DeliveryFeedbackTable } from './schema-feedback.js';

export type { DeliveryFeedbackTable } from './schema-feedback.js';

export interface ApiKeyTable {
  id: string;
  name: string;
  role: string;
  key_hash: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ProductTable {
  sku: string;
  name: string;
  unit_price: number;
  currency: string;
  weight_grams: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  returnable: number;
  reorder_point: number;
  reorder_quantity: number;
  supplier_id: string | null;
  lead_time_days: number;
  created_at: string;
  updated_at: string;
  /** fixed (reorder_quantity) | auto (from demand); default fixed. */
  reorder_policy?: string;
  /** Units kept beyond the lead time's demand (default 0). */
  safety_stock?: number;
  /** 1: orders beyond stock are backordered (default 0). */
  backorderable?: number;
}

export interface WarehouseTable {
  id: string;
  code: string;
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  created_at: string;
}

export interface StockTable {
  sku: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  updated_at: string;
}

export interface StockMovementTable {
  id: string;
  sku: string;
  warehouse_id: string;
  kind: string;
  on_hand_delta: number;
  reserved_delta: number;
  reason: string | null;
  order_id: string | null;
  actor: string;
  created_at: string;
  /** 1 once the relay announced it to webhooks (default 0). */
  relayed?: number;
}

export interface CustomerTable {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderTable {
  id: string;
  number: string;
  status: string;
  customer_id: string;
  email: string;
  customer: string;
  shipping_address: string;
  currency: string;
  subtotal: number;
  shipping_total: number;
  tax_total: number;
  total: number;
  payment_status: string;
  payment: string;
  shipping: string;
  metadata: string;
  tracking_token: string;
  attention: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderLineTable {
  id: string;
  order_id: string;
  line_no: number;
  sku: string;
  name: string;
  quantity: number;
  unit_price: number;
  quantity_shipped: number;
  quantity_cancelled: number;
  quantity_returned: number;
  /** Units ordered beyond stock, waiting for a receipt (default 0); not reserved anywhere. */
  quantity_backordered?: number;
}

/** Where an order's units are reserved or were shipped from: one row per (order, sku, warehouse). */
export interface OrderAllocationTable {
  order_id: string;
  sku: string;
  warehouse_id: string;
  quantity: number;
  quantity_released: number;
  quantity_shipped: number;
}

export interface OrderEventTable {
  id: string;
  order_id: string;
  type: string;
  at: string;
  actor: string;
  data: string;
  /** 1 once the relay turned it into notifications and webhooks (default 0). */
  relayed?: number;
}

export interface IdempotencyKeyTable {
  principal: string;
  route: string;
  key: string;
  request_hash: string;
  state: string;
  lock_token: string;
  locked_at: string;
  response_status: number | null;
  response_body: string | null;
  created_at: string;
  expires_at: string;
  /** What the request created in its first transaction (an order id), for resuming it after a crash. */
  resource_id?: string | null;
}

export interface CounterTable {
  name: string;
  value: number;
}

export interface JobTable {
  id: string;
  type: string;
  payload: string;
  state: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  dedupe_key: string | null;
  last_error: string | null;
  lease_token: string | null;
  lease_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentTable {
  id: string;
  order_id: string;
  provider: string;
  token: string;
  reference: string | null;
  status: string;
  currency: string;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  failure_code: string | null;
  failure_message: string | null;
  created_at: string;
  updated_at: string;
}

export interface RefundTable {
  id: string;
  payment_id: string;
  order_id: string;
  amount: number;
  currency: string;
  status: string;
  reason: string;
  reference: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: string;
  updated_at: string;
  /** The return this refund pays for, when it does (default null). */
  return_id?: string | null;
  /** Provider calls made for it (default 0): attempt n > 1 uses the idempotency key `rfd_…:n`. */
  attempts?: number;
}

export interface PaymentWebhookEventTable {
  provider: string;
  event_id: string;
  type: string;
  received_at: string;
}

export interface PickListTable {
  id: string;
  order_id: string;
  warehouse_id: string;
  lines: string;
  created_at: string;
}

export interface PackageTable {
  id: string;
  order_id: string;
  warehouse_id: string;
  seq: number;
  box_code: string | null;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  weight_grams: number;
  items: string;
  status: string;
  created_at: string;
}

export interface InvoiceTable {
  id: string;
  order_id: string;
  number: string;
  year: number;
  sequence: number;
  currency: string;
  total: number;
  issued_at: string;
}

export interface ShipmentTable {
  id: string;
  order_id: string;
  warehouse_id: string;
  kind: string;
  carrier: string;
  service: string;
  status: string;
  incident_reason: string | null;
  label_state: string;
  label_error: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  carrier_reference: string | null;
  label_content_type: string | null;
  label_data: string | null;
  packages: string;
  lines: string;
  origin: string;
  destination: string;
  amount: number | null;
  currency: string | null;
  rate_shop_id: string | null;
  strategy: string | null;
  estimated_delivery: string | null;
  eta_source: string | null;
  promised_delivery: string | null;
  shipped_at: string | null;
  delivered_at: string | null;
  signed_by: string | null;
  proof_of_delivery: string | null;
  last_event_at: string | null;
  last_update_at: string | null;
  next_poll_at: string | null;
  poll_failures: number;
  attention: string | null;
  had_incident: number;
  created_at: string;
  updated_at: string;
  /** For a shipment of kind `return`: its return (default null). */
  return_id?: string | null;
}

export interface ShipmentTrackingNumberTable {
  carrier: string;
  tracking_number: string;
  shipment_id: string;
}

export interface TrackingEventTable {
  id: string;
  shipment_id: string;
  dedupe_key: string;
  tracking_number: string;
  code: string;
  description: string;
  status: string;
  reason: string | null;
  occurred_at: string;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  signed_by: string | null;
  source: string;
  raw: string;
  received_at: string;
}

export interface CarrierWebhookDeliveryTable {
  carrier: string;
  delivery_id: string;
  received_at: string;
}

export interface RateQuoteTable {
  id: string;
  rate_shop_id: string;
  order_id: string;
  warehouse_id: string;
  strategy: string;
  carrier: string;
  service: string;
  service_name: string;
  amount: number;
  currency: string;
  transit_days: number | null;
  estimated_delivery_date: string | null;
  chosen: number;
  note: string | null;
  created_at: string;
}

export interface SimParcelTable {
  tracking_number: string;
  reference: string;
  service: string;
  plan: string;
  eta: string;
  speed: number;
  created_at: string;
  sent_scans: number;
  next_scan_at: string | null;
  voided: number;
}

export interface NotificationTable {
  id: string;
  dedupe_key: string;
  order_id: string | null;
  customer_id: string | null;
  shipment_id: string | null;
  event_id: string | null;
  message_type: string;
  channel: string;
  transport: string;
  to_address: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  message_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  provider_id: string | null;
  send_after: string;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
  /** JSON {kind: 'purchase_order', id}: a document attached when the email is sent (default null). */
  attachment?: string | null;
}

export interface NotificationPreferenceTable {
  customer_id: string;
  channel: string;
  message_type: string;
  enabled: number;
  updated_at: string;
}

export interface WebhookEndpointTable {
  id: string;
  url: string;
  events: string;
  secret: string;
  description: string | null;
  status: string;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_response: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  email_verified_at: string | null;
  customer_id: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffUserTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  password_changed_at: string | null;
  last_sign_in_at: string | null;
  /** When an admin disabled the user; null while enabled (migration 20261201000600_admin_web). */
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id_hash: string;
  kind: string;
  subject_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuthTokenTable {
  id: string;
  token_hash: string;
  purpose: string;
  account_id: string;
  email: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface AuthThrottleTable {
  key: string;
  window_started_at: string;
  hits: number;
}

export interface AuthKnownClientTable {
  subject_id: string;
  client_key: string;
  last_success_at: string;
}

export interface Database {
  delivery_feedback: DeliveryFeedbackTable;
  suppliers: SupplierTable;
  reorder_policies: ReorderPolicyTable;
  purchase_orders: PurchaseOrderTable;
  purchase_order_lines: PurchaseOrderLineTable;
  open_reorders: OpenReorderTable;
  returns: ReturnTable;
  return_lines: ReturnLineTable;
  api_keys: ApiKeyTable;
  products: ProductTable;
  warehouses: WarehouseTable;
  stock: StockTable;
  stock_movements: StockMovementTable;
  customers: CustomerTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  order_allocations: OrderAllocationTable;
  order_events: OrderEventTable;
  idempotency_keys: IdempotencyKeyTable;
  counters: CounterTable;
  jobs: JobTable;
  payments: PaymentTable;
  refunds: RefundTable;
  payment_webhook_events: PaymentWebhookEventTable;
  pick_lists: PickListTable;
  packages: PackageTable;
  invoices: InvoiceTable;
  shipments: ShipmentTable;
  shipment_tracking_numbers: ShipmentTrackingNumberTable;
  tracking_events: TrackingEventTable;
  carrier_webhook_deliveries: CarrierWebhookDeliveryTable;
  rate_quotes: RateQuoteTable;
  sim_parcels: SimParcelTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  accounts: AccountTable;
  staff_users: StaffUserTable;
  sessions: SessionTable;
  auth_tokens: AuthTokenTable;
  auth_throttle: AuthThrottleTable;
  auth_known_clients: AuthKnownClientTable;
}

