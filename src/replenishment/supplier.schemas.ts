/** Request and response shapes of the supplier routes. */
import { Type, type Static } from '@sinclair/typebox';

const supplierFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.String({ format: 'email', minLength: 3, maxLength: 254, description: 'Where purchase orders are emailed' }),
  lead_time_days: Type.Integer({ minimum: 0, maximum: 365, description: 'Days from sending a purchase order to the goods arriving (a product’s own lead time wins)' }),
  min_order_quantity: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Fewest units of a SKU the supplier accepts on one line (default 1: no minimum)' }),
};

export const CreateSupplierBody = Type.Object(
  {
    name: supplierFields.name,
    email: supplierFields.email,
    lead_time_days: supplierFields.lead_time_days,
    min_order_quantity: Type.Optional(supplierFields.min_order_quantity),
  },
  { additionalProperties: false },
);
export type CreateSupplierInput = Static<typeof CreateSupplierBody>;

export const UpdateSupplierBody = Type.Partial(Type.Object(supplierFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export type UpdateSupplierInput = Static<typeof UpdateSupplierBody>;

export const SupplierSchema = Type.Object({ id: Type.String(), ...supplierFields, created_at: Type.String(), updated_at: Type.String() }, { $id: 'Supplier' });
export type Supplier = Static<typeof SupplierSchema>;

export const SupplierIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
