/**
 * The notifications contract: which messages exist, what a template is given to render, and what a
 * channel (email over SMTP, SMS through Twilio, or the dev outbox) is asked to send. Everything here
 * is data and types; the relay decides which message an event means, the renderer fills templates,
 * the channels send.
 */

export const messageTypes = [
  'order_confirmation',
  'payment_failed',
  'shipped',
  'out_for_delivery',
  'delivered',
  'delivery_delayed',
  'delivery_exception',
  'cancellation',
  'return_requested',
  'return_approved',
  'return_rejected',
  'return_received',
  'refund_issued',
  'backorder_allocated',
] as const;
export type MessageType = (typeof messageTypes)[number];

export const channels = ['email', 'sms'] as const;
export type Channel = (typeof channels)[number];

/** The shop's look and voice, from configuration (WAYBILL_SHOP_*). */
export interface Branding {
  shopName: string;
  logoUrl: string | null;
  /** CSS colours, `#rrggbb`. */
  primaryColor: string;
  accentColor: string;
  supportEmail: string;
  /** The shop's own site, when it has one. */
  websiteUrl: string | null;
}

export interface MessageLine {
  sku: string;
  name: string;
  quantity: number;
  /** Minor units. */
  unit_price: number;
  line_total: number;
  /** Units waiting for stock (a backorder); 0 for most lines. */
  quantity_backordered?: number;
}

/**
 * Everything a template may use. Money is in minor units with the order's currency; templates format
 * it with the `money` helper. Optional parts are present for the messages that need them.
 */
export interface MessageContext {
  shop: Branding;
  customer: { name: string; email: string; phone: string | null };
  order: {
    id: string;
    number: string;
    created_at: string;
    currency: string;
    lines: MessageLine[];
    subtotal: number;
    shipping_total: number;
    tax_total: number;
    total: number;
    shipping_address: { name: string; line1: string; line2: string | null; city: string; region: string | null; postal_code: string | null; country: string };
    /** Waybill's public tracking page for the order. */
    tracking_page_url: string;
  };
  shipment?: {
    id: string;
    carrier: string;
    carrier_name: string;
    service: string;
    tracking_number: string | null;
    /** The carrier's own tracking page. */
    carrier_tracking_url: string | null;
    /** RFC 3339 or null. */
    estimated_delivery: string | null;
    status: string;
    delivered_at: string | null;
    signed_by: string | null;
  };
  /** delivery_delayed / delivery_exception: what happened, from the tracking rules. */
  incident?: {
    /** shipment_late | no_scan | failed_attempt | exception | lost | damaged | returned_to_sender */
    reason: string;
    /** The carrier's incident reason: recipient_absent, address_problem, weather, customs… */
    detail: string | null;
  };
  /** delivered: where the customer rates the delivery. */
  rating_url?: string;
  cancellation?: { reason: string; lines: Array<{ sku: string; quantity: number }>; whole: boolean };
  refund?: { amount: number; currency: string };
  /** The return messages, and refund_issued when the refund pays for a return. */
  return?: ReturnContext;
  payment?: { failure_message: string | null };
  /** backorder_allocated: the units a receipt reserved for the order, and whether anything still waits. */
  backorder?: BackorderContext;
}

export interface BackorderContext {
  /** What this receipt reserved (the units the customer waited for), by SKU. */
  lines: Array<{ sku: string; name: string; quantity: number }>;
  /** Nothing of the order waits for stock any more: it is being prepared. */
  complete: boolean;
}

/** A line of a return: what the customer sends back, why, and (after receipt) what arrived. */
export interface ReturnLineContext {
  sku: string;
  name: string;
  quantity: number;
  /** The policy's reason code (`wrong_size`) and how the customer reads it ("Wrong size or fit"). */
  reason: string;
  reason_label: string;
  /** An exchange line: what is sent instead (SKU and name), else null. */
  exchange: { sku: string; name: string } | null;
  /** Units that arrived (0 until the parcel is received). */
  quantity_received: number;
}

export interface ReturnContext {
  id: string;
  /** The return label to print, once bought. */
  label_url: string | null;
  lines: ReturnLineContext[];
  /** What the policy refunds (minor units of `currency`): from the requested lines, then from what arrived. */
  refund_amount: number;
  currency: string;
  /** return_rejected: why, in staff's words. */
  rejection_reason: string | null;
  /** Some line is an exchange (a replacement is sent instead of a refund). */
  is_exchange: boolean;
  /** The replacement order an exchange placed, when it did. */
  exchange_order: { id: string; number: string } | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** A short text for SMS (≤ 320 characters). */
  sms: string;
}

export interface EmailToSend {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification (`<ntf_…@host>`): a resend after a crash carries the same one. */
  messageId: string;
  /** Where replies go when not to `from` (a supplier answering a purchase order reaches the shop's support). */
  replyTo?: string;
  /** Documents made for this send (the purchase order's PDF); the dev outbox ignores them. */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface SmsToSend {
  /** E.164. */
  from: string;
  to: string;
  body: string;
}

export interface SendResult {
  /** The provider's id for what it accepted (SMTP response / queue id, Twilio message SID, outbox id). */
  providerId: string;
}

/** The channel could not send. `retryable`: try again later (connection, 4xx SMTP, 5xx/429 HTTP). */
export class ChannelError extends Error {
  constructor(
    readonly channel: Channel,
    readonly retryable: boolean,
    message: string,
    readonly code: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(`${channel}: ${message}`, options);
    this.name = 'ChannelError';
  }
}

export interface EmailTransport {
  /** `smtp`, or `outbox` when SMTP_URL is not set. */
  readonly kind: 'smtp' | 'outbox';
  send(message: EmailToSend): Promise<SendResult>;
  close(): Promise<void>;
}

export interface SmsTransport {
  /** `twilio`, or `outbox` when Twilio is not configured. */
  readonly kind: 'twilio' | 'outbox';
  send(message: SmsToSend): Promise<SendResult>;
}
