/**
 * Who may call each route of the OpenAPI document: one row per `METHOD /path`, read by
 * authorization-matrix.test.ts, which fails on a route without a row and on a row without a route.
 * Adding a route means deciding here who may call it.
 *
 * `access` is the rule the server must keep (API.md "Authentication"):
 * - `public`: anyone, with or without credentials (sign-in, registration, tracking, health).
 * - `webhook`: public, but the sender proves itself with a signature or shared secret checked by the
 *   route: an unsigned request answers 401 whoever sends it, and no API key or session replaces it.
 * - `customer`: a signed-in customer's browser session; staff credentials (keys or sessions) 403.
 * - `staff-session`: a signed-in staff user's browser session, of any role; API keys 403 (they have
 *   no password to change and no session to end), customers 403.
 * - `viewer` | `operator` | `admin`: the least staff role (API key or staff session); a lower role
 *   403, a customer session 403, no credentials 401.
 */
import { SHOP_SKU } from '../support/shop-objects.js';

export type Access = 'public' | 'webhook' | 'customer' | 'staff-session' | 'viewer' | 'operator' | 'admin';

export interface MatrixRow {
  access: Access;
  /**
   * The customer object the route names in its path: customer A asking for customer B's answers
   * 404 (never 403: API.md "Customers"), while B is let in.
   */
  owns?: 'order' | 'return';
  /** The request ends the caller's browser session (sign-out): the test signs in again afterwards. */
  endsSession?: boolean;
  /**
   * A valid body, sent instead of `{}` where the check under test comes after validation: the
   * ownership of a customer's order is looked up once the body is known to be well formed.
   */
  body?: Readonly<Record<string, unknown>>;
}

export const accessMatrix: Readonly<Record<string, MatrixRow>> = {
  // Operations
  'GET /healthz': { access: 'public' },
  'GET /readyz': { access: 'public' },

  // Customer accounts (/portal/auth)
  'POST /portal/auth/register': { access: 'public' },
  'POST /portal/auth/login': { access: 'public' },
  'POST /portal/auth/logout': { access: 'customer', endsSession: true },
  'GET /portal/auth/session': { access: 'customer' },
  'POST /portal/auth/magic-link': { access: 'public' },
  'POST /portal/auth/magic-link/verify': { access: 'public' },
  'POST /portal/auth/verify-email': { access: 'public' },
  'POST /portal/auth/verify-email/resend': { access: 'customer' },
  'POST /portal/auth/password-reset': { access: 'public' },
  'POST /portal/auth/password-reset/confirm': { access: 'public' },
  'POST /portal/auth/password': { access: 'customer' },

  // Customer portal
  'GET /portal/orders': { access: 'customer' },
  'GET /portal/orders/{id}': { access: 'customer', owns: 'order' },
  'GET /portal/orders/{id}/returnable': { access: 'customer', owns: 'order' },
  'PUT /portal/orders/{id}/feedback': { access: 'customer', owns: 'order', body: { rating: 5 } },
  'GET /portal/orders/{id}/invoice.pdf': { access: 'customer', owns: 'order' },
  'POST /portal/orders/{id}/returns': { access: 'customer', owns: 'order', body: { lines: [{ sku: SHOP_SKU, quantity: 1, reason: 'damaged' }] } },
  'GET /portal/preferences': { access: 'customer' },
  'PUT /portal/preferences': { access: 'customer' },
  'GET /portal/returns': { access: 'customer' },
  'GET /portal/returns/policy': { access: 'customer' },
  'GET /portal/returns/{id}': { access: 'customer', owns: 'return' },
  'GET /portal/returns/{id}/label.pdf': { access: 'customer', owns: 'return' },
  'GET /portal/stream': { access: 'customer' },

  // Staff in the browser (/auth)
  'POST /auth/login': { access: 'public' },
  'POST /auth/logout': { access: 'staff-session', endsSession: true },
  'GET /auth/session': { access: 'staff-session' },
  'POST /auth/password': { access: 'staff-session' },

  // Inbound webhooks and the sim carrier's public page
  'POST /webhooks/payments/{provider}': { access: 'webhook' },
  'POST /webhooks/carriers/{carrier}': { access: 'webhook' },
  'GET /sim/track/{number}': { access: 'public' },
  'GET /api/v1/track/{token}': { access: 'public' },

  // Catalog, warehouses, inventory
  'POST /api/v1/products': { access: 'operator' },
  'GET /api/v1/products': { access: 'viewer' },
  'GET /api/v1/products/{sku}': { access: 'viewer' },
  'PATCH /api/v1/products/{sku}': { access: 'operator' },
  'POST /api/v1/warehouses': { access: 'admin' },
  'GET /api/v1/warehouses': { access: 'viewer' },
  'GET /api/v1/inventory': { access: 'viewer' },
  'PUT /api/v1/inventory/{sku}/{warehouse}': { access: 'operator' },
  'POST /api/v1/inventory/adjustments': { access: 'operator' },
  'GET /api/v1/inventory/movements': { access: 'viewer' },
  'GET /api/v1/inventory/{sku}/{warehouse}/reorder-policy': { access: 'viewer' },
  'PUT /api/v1/inventory/{sku}/{warehouse}/reorder-policy': { access: 'operator' },
  'DELETE /api/v1/inventory/{sku}/{warehouse}/reorder-policy': { access: 'operator' },

  // Customers
  'GET /api/v1/customers': { access: 'viewer' },
  'GET /api/v1/customers/{id}': { access: 'viewer' },
  'GET /api/v1/customers/{id}/preferences': { access: 'viewer' },
  'PUT /api/v1/customers/{id}/preferences': { access: 'operator' },

  // Orders and fulfillment
  'POST /api/v1/orders': { access: 'operator' },
  'GET /api/v1/orders': { access: 'viewer' },
  'GET /api/v1/orders/{id}': { access: 'viewer' },
  'GET /api/v1/orders/{id}/events': { access: 'viewer' },
  'POST /api/v1/orders/{id}/status': { access: 'operator' },
  'POST /api/v1/orders/{id}/cancel': { access: 'operator' },
  'GET /api/v1/orders/{id}/fulfillment': { access: 'viewer' },
  'POST /api/v1/orders/{id}/packing/confirm': { access: 'operator' },
  'GET /api/v1/orders/{id}/invoice.pdf': { access: 'viewer' },
  'GET /api/v1/orders/{id}/packing-slip.pdf': { access: 'viewer' },
  'GET /api/v1/orders/{id}/returnable': { access: 'viewer' },
  'GET /api/v1/jobs': { access: 'viewer' },
  'POST /api/v1/jobs/{id}/retry': { access: 'operator' },

  // Shipping and tracking
  'GET /api/v1/orders/{id}/rates': { access: 'viewer' },
  'POST /api/v1/orders/{id}/shipments': { access: 'operator' },
  'GET /api/v1/shipments': { access: 'viewer' },
  'GET /api/v1/shipments/{id}': { access: 'viewer' },
  'GET /api/v1/shipments/{id}/rates': { access: 'viewer' },
  'GET /api/v1/shipments/{id}/label.pdf': { access: 'viewer' },
  'POST /api/v1/shipments/{id}/refresh': { access: 'operator' },
  'POST /api/v1/shipments/{id}/events': { access: 'operator' },
  'GET /api/v1/analytics/carriers': { access: 'viewer' },

  // Notifications
  'GET /api/v1/notifications': { access: 'viewer' },
  'GET /api/v1/notifications/{id}': { access: 'viewer' },
  'POST /api/v1/notifications/{id}/retry': { access: 'operator' },

  // Outbound webhooks: reading is for every staff role, changing them and their secrets for admins.
  'GET /api/v1/webhook-event-types': { access: 'viewer' },
  'POST /api/v1/webhook-endpoints': { access: 'admin' },
  'GET /api/v1/webhook-endpoints': { access: 'viewer' },
  'GET /api/v1/webhook-endpoints/{id}': { access: 'viewer' },
  'PATCH /api/v1/webhook-endpoints/{id}': { access: 'admin' },
  'DELETE /api/v1/webhook-endpoints/{id}': { access: 'admin' },
  'GET /api/v1/webhook-endpoints/{id}/secret': { access: 'admin' },
  'GET /api/v1/webhook-endpoints/{id}/deliveries': { access: 'viewer' },
  'GET /api/v1/webhook-endpoints/{id}/deliveries/{delivery_id}': { access: 'viewer' },
  'POST /api/v1/webhook-endpoints/{id}/deliveries/{delivery_id}/replay': { access: 'admin' },

  // Returns and refunds
  'POST /api/v1/returns': { access: 'operator' },
  'GET /api/v1/returns': { access: 'viewer' },
  'GET /api/v1/returns/policy': { access: 'viewer' },
  'GET /api/v1/returns/{id}': { access: 'viewer' },
  'POST /api/v1/returns/{id}/approve': { access: 'operator' },
  'POST /api/v1/returns/{id}/reject': { access: 'operator' },
  'POST /api/v1/returns/{id}/receive': { access: 'operator' },
  'POST /api/v1/returns/{id}/refund': { access: 'operator' },
  'POST /api/v1/returns/{id}/close': { access: 'operator' },
  'POST /api/v1/orders/{id}/refunds': { access: 'operator' },
  'GET /api/v1/orders/{id}/refunds': { access: 'viewer' },
  'GET /api/v1/refunds/{id}': { access: 'viewer' },
  'POST /api/v1/refunds/{id}/retry': { access: 'operator' },

  // Replenishment
  'POST /api/v1/suppliers': { access: 'operator' },
  'GET /api/v1/suppliers': { access: 'viewer' },
  'GET /api/v1/suppliers/{id}': { access: 'viewer' },
  'PATCH /api/v1/suppliers/{id}': { access: 'operator' },
  'POST /api/v1/purchase-orders': { access: 'operator' },
  'GET /api/v1/purchase-orders': { access: 'viewer' },
  'GET /api/v1/purchase-orders/{id}': { access: 'viewer' },
  'GET /api/v1/purchase-orders/{id}/pdf': { access: 'viewer' },
  'POST /api/v1/purchase-orders/{id}/send': { access: 'operator' },
  'POST /api/v1/purchase-orders/{id}/cancel': { access: 'operator' },
  'POST /api/v1/purchase-orders/{id}/receive': { access: 'operator' },

  // Staff users and API keys: admins only (API.md: operators have no keys/users/settings)
  'GET /api/v1/users': { access: 'admin' },
  'POST /api/v1/users': { access: 'admin' },
  'GET /api/v1/users/{id}': { access: 'admin' },
  'PATCH /api/v1/users/{id}': { access: 'admin' },
  'GET /api/v1/api-keys': { access: 'admin' },
  'POST /api/v1/api-keys': { access: 'admin' },
  'DELETE /api/v1/api-keys/{id}': { access: 'admin' },

  // Dashboard figures and feedback
  'GET /api/v1/analytics/overview': { access: 'viewer' },
  'GET /api/v1/feedback': { access: 'viewer' },

  // Live streams (Server-Sent Events)
  'GET /api/v1/stream': { access: 'viewer' },
};
