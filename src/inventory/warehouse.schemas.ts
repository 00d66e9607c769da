import { Type, type Static } from '@sinclair/typebox';

export const WarehouseCodeSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' });

export const AddressSchema = Type.Object(
  {
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    region: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    postal_code: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof AddressSchema>;

export const CreateWarehouseBody = Type.Object(
  {
    code: WarehouseCodeSchema,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    address: AddressSchema,
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
);
export type CreateWarehouseInput = Static<typeof CreateWarehouseBody>;

export const WarehouseSchema = Type.Object(
  {
    id: Type.String(),
    code: WarehouseCodeSchema,
    name: Type.String(),
    address: AddressSchema,
    latitude: Type.Number(),
    longitude: Type.Number(),
    created_at: Type.String(),
  },
  { $id: 'Warehouse' },
);
export type Warehouse = Static<typeof WarehouseSchema>;
