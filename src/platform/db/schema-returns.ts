/** Row types of the returns tables (migration 20261201000400_returns), kept apart from schema.ts for size. */

export interface ReturnTable {
  id: string;
  order_id: string;
  status: string;
  requested_by: string;
  comment: string | null;
  rejection_reason: string | null;
  warehouse_id: string | null;
  shipment_id: string | null;
  exchange_order_id: string | null;
  currency: string;
  refund_amount: number;
  /** JSON: RefundBreakdown (returns/return-policy.ts). */
  refund_breakdown: string;
  approved_at: string | null;
  received_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReturnLineTable {
  id: string;
  return_id: string;
  line_no: number;
  sku: string;
  name: string;
  quantity: number;
  reason: string;
  exchange_sku: string | null;
  unit_price: number;
  quantity_resellable: number;
  quantity_damaged: number;
}
