/** Row types of the replenishment tables (migration 20261201000500_replenishment). */

export interface SupplierTable {
  id: string;
  name: string;
  email: string;
  lead_time_days: number;
  min_order_quantity: number;
  created_at: string;
  updated_at: string;
}

export interface ReorderPolicyTable {
  sku: string;
  warehouse_id: string;
  reorder_point: number;
  reorder_quantity: number | null;
  updated_at: string;
}

export interface PurchaseOrderTable {
  id: string;
  number: string;
  supplier_id: string;
  warehouse_id: string;
  status: string;
  source: string;
  note: string | null;
  expected_at: string | null;
  sent_at: string | null;
  received_at: string | null;
  cancelled_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PurchaseOrderLineTable {
  id: string;
  purchase_order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  quantity_received: number;
}

export interface OpenReorderTable {
  sku: string;
  warehouse_id: string;
  purchase_order_id: string;
  created_at: string;
}
