/** Request and response shapes of the purchase order routes. */
import { Type, type Static } from '@sinclair/typebox';
import { SkuSchema } from '../catalog/product.schemas.js';
import { WarehouseCodeSchema } from '../inventory/warehouse.schemas.js';
import { purchaseOrderStatuses } from './purchase-order-status.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const PurchaseOrderStatusSchema = Type.Union(purchaseOrderStatuses.map((s) => Type.Literal(s)));
const WarehouseCode = WarehouseCodeSchema;
const Quantity = Type.Integer({ minimum: 1, maximum: 1_000_000_000 });

export const CreatePurchaseOrderBody = Type.Object(
  {
    supplier_id: Type.String({ minLength: 1, maxLength: 64 }),
    warehouse: WarehouseCode,
    lines: Type.Array(Type.Object({ sku: SkuSchema, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    send: Type.Optional(Type.Boolean({ description: 'Send it to the supplier at once (default: keep it a draft)' })),
  },
  { additionalProperties: false },
);
export type CreatePurchaseOrderInput = Static<typeof CreatePurchaseOrderBody>;

export const ReceivePurchaseOrderBody = Type.Object(
  {
    lines: Type.Array(Type.Object({ sku: SkuSchema, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ReceivePurchaseOrderInput = Static<typeof ReceivePurchaseOrderBody>;

export const CancelPurchaseOrderBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

export const PurchaseOrderIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ListPurchaseOrdersQuery = Type.Object({
  status: Type.Optional(PurchaseOrderStatusSchema),
  supplier_id: Type.Optional(Type.String({ maxLength: 64 })),
  warehouse: Type.Optional(WarehouseCode),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const PurchaseOrderSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String({ description: 'PO-000123' }),
    status: PurchaseOrderStatusSchema,
    source: Type.Union([Type.Literal('auto'), Type.Literal('manual')], { description: 'auto: raised at the reorder point' }),
    supplier_id: Type.String(),
    supplier: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }),
    warehouse: Type.String({ description: 'Code of the warehouse the goods are delivered to' }),
    lines: Type.Array(Type.Object({ sku: Type.String(), name: Type.String(), quantity: Type.Integer(), quantity_received: Type.Integer() })),
    note: Nullable(Type.String()),
    expected_at: Nullable(Type.String({ description: 'When the goods are due: sent (or created) + the lead time' })),
    sent_at: Nullable(Type.String()),
    received_at: Nullable(Type.String()),
    cancelled_at: Nullable(Type.String()),
    pdf_url: Type.String(),
    created_by: Type.String(),
    created_at: Type.String(),
    updated_at: Type.String(),
  },
  { $id: 'PurchaseOrder' },
);
export type PurchaseOrderView = Static<typeof PurchaseOrderSchema>;
