import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import { notFound } from '../platform/errors.js';
import { decodeCursor, listOf, page, PageQuery, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { findCustomer, listCustomers } from './customer.repository.js';

const tags = ['customers'];

export const CustomerSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    order_count: Type.Integer(),
    lifetime_value: Type.Integer({ description: 'Sum of the totals of orders not cancelled, minor units' }),
    created_at: Type.String(),
    updated_at: Type.String(),
  },
  { $id: 'Customer' },
);

export function customerRoutes(deps: Deps) {
  return async (app: App) => {
    app.get(
      '/customers',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'List customers, newest first',
          querystring: Type.Object({ email: Type.Optional(Type.String({ maxLength: 254 })), ...PageQuery }),
          response: { 200: listOf(CustomerSchema), ...problemResponses },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listCustomers(deps.db, { email: request.query.email, before: decodeCursor(request.query.cursor), limit: limit + 1 });
        return page(rows, limit, (c) => c.id);
      },
    );

    app.get(
      '/customers/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'A customer with order count and lifetime value',
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          response: { 200: CustomerSchema, ...problemResponses },
        },
      },
      async (request) => {
        const customer = await findCustomer(deps.db, request.params.id);
        if (!customer) throw notFound(`Customer ${request.params.id}`);
        return customer;
      },
    );
  };
}
