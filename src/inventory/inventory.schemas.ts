import { Type } from '@sinclair/typebox';
import { SkuSchema } from '../catalog/product.schemas.js';
import { WarehouseCodeSchema } from './warehouse.schemas.js';

export const StockSchema = Type.Object(
  {
    sku: Type.String(),
    warehouse: Type.String(),
    on_hand: Type.Integer(),
    reserved: Type.Integer(),
    available: Type.Integer(),
    reorder_point: Type.Integer({ description: "The effective point: the warehouse's own (a reorder policy) when it has one, else the product's" }),
    reorder_quantity: Type.Integer({ description: 'The configured quantity, with the same precedence' }),
    reorder_policy: Type.Union([Type.Literal('fixed'), Type.Literal('auto')], { description: "The product's: fixed orders reorder_quantity, auto the suggested quantity" }),
    reorder_managed: Type.Boolean({ description: 'False for a product point of 0 without a warehouse policy: never reordered nor listed as low' }),
    updated_at: Type.String(),
    // From GET /inventory (demand over WAYBILL_DEMAND_WINDOW_DAYS), not on the answers of changes.
    suggested_reorder_quantity: Type.Optional(Type.Integer({ description: 'ceil(average daily demand × lead time + safety stock)' })),
    on_order: Type.Optional(Type.Integer({ description: 'Units on open purchase orders for the SKU and warehouse, not yet received' })),
    average_daily_demand: Type.Optional(Type.Number({ description: 'Units a day reserved for orders over the demand window, net of releases' })),
    days_of_cover: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'available ÷ average daily demand, one decimal; null when nothing sold in the window' })),
    safety_stock: Type.Optional(Type.Integer()),
    lead_time_days: Type.Optional(Type.Integer({ description: "The product's lead time, else its supplier's" })),
  },
  { $id: 'Stock' },
);

export const MovementSchema = Type.Object(
  {
    id: Type.String(),
    sku: Type.String(),
    warehouse: Type.String(),
    kind: Type.String({ description: 'reserve | release | ship | adjust | count | receive' }),
    on_hand_delta: Type.Integer(),
    reserved_delta: Type.Integer(),
    reason: Type.Union([Type.String(), Type.Null()]),
    order_id: Type.Union([Type.String(), Type.Null()]),
    actor: Type.String(),
    created_at: Type.String(),
  },
  { $id: 'StockMovement' },
);

export const StockParams = Type.Object({ sku: SkuSchema, warehouse: WarehouseCodeSchema });

export const SetCountBody = Type.Object(
  { on_hand: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const AdjustmentBody = Type.Object(
  {
    sku: SkuSchema,
    warehouse: WarehouseCodeSchema,
    delta: Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000, not: { const: 0 } }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
