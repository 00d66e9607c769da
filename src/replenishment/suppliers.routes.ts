/** Suppliers under /api/v1: who purchase orders go to. */
import { Type } from '@sinclair/typebox';
import { isoTime } from '../platform/clock.js';
import { notFound } from '../platform/errors.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { decodeCursor, listOf, page, PageQuery, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';
import { findSupplier, insertSupplier, listSuppliers, updateSupplier } from './supplier.repository.js';
import { CreateSupplierBody, SupplierIdParams, SupplierSchema, UpdateSupplierBody } from './supplier.schemas.js';

const tags = ['replenishment'];

export function supplierRoutes(deps: ReplenishmentDeps) {
  return async (app: App) => {
    app.post(
      '/suppliers',
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Add a supplier', description: 'Honours Idempotency-Key.', body: CreateSupplierBody, response: { 201: SupplierSchema, ...problemResponses } },
      },
      async (request, reply) =>
        replyIdempotent(deps, request, reply, 'POST /suppliers', async (trx) => {
          const now = isoTime(deps.clock.now());
          const { name, email, lead_time_days, min_order_quantity } = request.body;
          const row = { id: deps.ids.new('sup'), name, email, lead_time_days, min_order_quantity: min_order_quantity ?? 1, created_at: now, updated_at: now };
          return { status: 201, body: await insertSupplier(trx, row) };
        }),
    );

    app.get(
      '/suppliers',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'List suppliers, newest first', querystring: Type.Object(PageQuery), response: { 200: listOf(SupplierSchema), ...problemResponses } },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listSuppliers(deps.db, { before: decodeCursor(request.query.cursor), limit: limit + 1 });
        return page(rows, limit, (s) => s.id);
      },
    );

    app.get(
      '/suppliers/:id',
      { config: { access: 'viewer' }, schema: { tags, summary: 'A supplier', params: SupplierIdParams, response: { 200: SupplierSchema, ...problemResponses } } },
      async (request) => {
        const supplier = await findSupplier(deps.db, request.params.id);
        if (supplier === null) throw notFound(`Supplier ${request.params.id}`);
        return supplier;
      },
    );

    app.patch(
      '/suppliers/:id',
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Change a supplier', params: SupplierIdParams, body: UpdateSupplierBody, response: { 200: SupplierSchema, ...problemResponses } },
      },
      async (request) => {
        const supplier = await updateSupplier(deps.db, request.params.id, request.body, isoTime(deps.clock.now()));
        if (supplier === null) throw notFound(`Supplier ${request.params.id}`);
        return supplier;
      },
    );
  };
}
