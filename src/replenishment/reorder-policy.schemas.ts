/** Request and response shapes of a warehouse's reorder policy for a SKU. */
import { Type, type Static } from '@sinclair/typebox';
import { SkuSchema } from '../catalog/product.schemas.js';
import { WarehouseCodeSchema } from '../inventory/warehouse.schemas.js';

const Count = (description?: string) => Type.Integer({ minimum: 0, maximum: 1_000_000_000, description });

export const ReorderPolicyParams = Type.Object({ sku: SkuSchema, warehouse: WarehouseCodeSchema });

export const PutReorderPolicyBody = Type.Object(
  {
    reorder_point: Count('Reorder when available falls to or below this, at this warehouse'),
    reorder_quantity: Type.Optional(Type.Union([Count(), Type.Null()], { description: 'Omitted or null: the product’s reorder_quantity' })),
  },
  { additionalProperties: false },
);
export type PutReorderPolicyInput = Static<typeof PutReorderPolicyBody>;

export const ReorderPolicySchema = Type.Object(
  {
    sku: Type.String(),
    warehouse: Type.String(),
    reorder_point: Type.Integer({ description: 'The effective point: the warehouse’s override, else the product’s' }),
    reorder_quantity: Type.Integer({ description: 'The effective configured quantity' }),
    source: Type.Union([Type.Literal('warehouse'), Type.Literal('product')]),
    managed: Type.Boolean({ description: 'false: product point 0 and no override, never reordered' }),
    reorder_policy: Type.Union([Type.Literal('fixed'), Type.Literal('auto')], { description: 'The product’s: fixed quantity, or from demand' }),
    product: Type.Object({ reorder_point: Type.Integer(), reorder_quantity: Type.Integer() }),
    override: Type.Union([Type.Object({ reorder_point: Type.Integer(), reorder_quantity: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
    open_purchase_order_id: Type.Union([Type.String(), Type.Null()], { description: 'The open purchase order holding this pair, if any' }),
  },
  { $id: 'ReorderPolicy' },
);
export type ReorderPolicyView = Static<typeof ReorderPolicySchema>;
