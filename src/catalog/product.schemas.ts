import { Type, type Static } from '@sinclair/typebox';

export const SkuSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: 'Stock keeping unit' });
const Count = (max: number) => Type.Integer({ minimum: 0, maximum: max });

const productFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  unit_price: Type.Integer({ minimum: 0, maximum: 100_000_000_00, description: 'Minor units' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  weight_grams: Count(1_000_000),
  length_mm: Count(10_000),
  width_mm: Count(10_000),
  height_mm: Count(10_000),
  returnable: Type.Boolean(),
  reorder_point: Count(1_000_000_000),
  reorder_quantity: Count(1_000_000_000),
  supplier_id: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
  lead_time_days: Count(365),
  reorder_policy: Type.Union([Type.Literal('fixed'), Type.Literal('auto')], {
    description: 'fixed: a purchase order orders reorder_quantity; auto: the quantity suggested from demand (average daily units × lead time + safety stock)',
  }),
  safety_stock: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Units kept beyond what the lead time is expected to sell (the auto policy adds them)' }),
  backorderable: Type.Boolean({ description: 'Orders beyond stock are accepted, the missing units backordered until a purchase order is received' }),
};

export const CreateProductBody = Type.Object(
  {
    sku: SkuSchema,
    name: productFields.name,
    unit_price: productFields.unit_price,
    currency: productFields.currency,
    weight_grams: Type.Optional(productFields.weight_grams),
    length_mm: Type.Optional(productFields.length_mm),
    width_mm: Type.Optional(productFields.width_mm),
    height_mm: Type.Optional(productFields.height_mm),
    returnable: Type.Optional(productFields.returnable),
    reorder_point: Type.Optional(productFields.reorder_point),
    reorder_quantity: Type.Optional(productFields.reorder_quantity),
    supplier_id: Type.Optional(productFields.supplier_id),
    lead_time_days: Type.Optional(productFields.lead_time_days),
    reorder_policy: Type.Optional(productFields.reorder_policy),
    safety_stock: Type.Optional(productFields.safety_stock),
    backorderable: Type.Optional(productFields.backorderable),
  },
  { additionalProperties: false },
);
export type CreateProductInput = Static<typeof CreateProductBody>;

export const UpdateProductBody = Type.Partial(Type.Object(productFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateProductInput = Static<typeof UpdateProductBody>;

export const ProductSchema = Type.Object(
  { sku: SkuSchema, ...productFields, created_at: Type.String(), updated_at: Type.String() },
  { $id: 'Product' },
);
export type Product = Static<typeof ProductSchema>;
