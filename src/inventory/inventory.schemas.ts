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
    reorder_point: Type.Integer(),
    updated_at: Type.String(),
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
