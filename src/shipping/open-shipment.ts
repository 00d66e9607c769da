/**
 * The rows a label purchase starts with, for outbound and return shipments alike: every quote of the
 * rate shop with the note saying why it was or was not chosen, and the shipment in label_state
 * `purchasing` (buy-shipments.ts then calls the carrier with its id as the reference).
 */
import type { Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import { endOfDayUtc } from './carriers/carrier-time.js';
import type { CarrierAddress, Parcel, RateQuote } from './carriers/carrier.js';
import { findShipment, insertShipment, type Shipment } from './shipment.repository.js';

export interface QuoteNote {
  quote: RateQuote;
  chosen: boolean;
  note: string;
}

export interface ShipmentToOpen {
  orderId: string;
  warehouseId: string;
  kind: 'outbound' | 'return';
  returnId?: string | null;
  strategy: string;
  /** The chosen quote: the shipment's carrier, service and price. */
  quote: { carrier: string; service: string; amount: number; currency: string; estimatedDeliveryDate: string | null };
  notes: readonly QuoteNote[];
  parcels: readonly Parcel[];
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
  origin: CarrierAddress;
  destination: CarrierAddress;
}

/** Writes the quotes and the `purchasing` shipment; the shipment and the rate shop's id. */
export async function openShipment(trx: Trx, ids: Ids, s: ShipmentToOpen, now: string): Promise<{ shipment: Shipment; rateShopId: string }> {
  const id = ids.new('shp');
  const rateShopId = ids.new('rsr');
  for (const n of s.notes) {
    await trx
      .insertInto('rate_quotes')
      .values({
        id: ids.new('rq'),
        rate_shop_id: rateShopId,
        order_id: s.orderId,
        warehouse_id: s.warehouseId,
        strategy: s.strategy,
        carrier: n.quote.carrier,
        service: n.quote.service,
        service_name: n.quote.serviceName,
        amount: n.quote.amount,
        currency: n.quote.currency,
        transit_days: n.quote.transitDays,
        estimated_delivery_date: n.quote.estimatedDeliveryDate,
        chosen: n.chosen ? 1 : 0,
        note: n.note,
        created_at: now,
      })
      .execute();
  }
  const eta = s.quote.estimatedDeliveryDate;
  await insertShipment(trx, {
    id,
    order_id: s.orderId,
    warehouse_id: s.warehouseId,
    kind: s.kind,
    return_id: s.returnId ?? null,
    carrier: s.quote.carrier,
    service: s.quote.service,
    status: 'label_created',
    incident_reason: null,
    label_state: 'purchasing',
    label_error: null,
    tracking_number: null,
    tracking_url: null,
    carrier_reference: null,
    label_content_type: null,
    label_data: null,
    packages: JSON.stringify(s.parcels),
    lines: JSON.stringify(s.lines),
    origin: JSON.stringify(s.origin),
    destination: JSON.stringify(s.destination),
    amount: s.quote.amount,
    currency: s.quote.currency,
    rate_shop_id: rateShopId,
    strategy: s.strategy,
    estimated_delivery: eta === null ? null : endOfDayUtc(eta),
    eta_source: eta === null ? null : 'carrier',
    promised_delivery: null,
    shipped_at: null,
    delivered_at: null,
    signed_by: null,
    proof_of_delivery: null,
    last_event_at: null,
    last_update_at: null,
    next_poll_at: null,
    poll_failures: 0,
    attention: null,
    had_incident: 0,
    created_at: now,
    updated_at: now,
  });
  return { shipment: (await findShipment(trx, id))!, rateShopId };
}
