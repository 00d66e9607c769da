import type { Deps } from '../deps.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { listOf, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { createWarehouse } from './create-warehouse.js';
import { listWarehouses } from './warehouse.repository.js';
import { CreateWarehouseBody, WarehouseSchema } from './warehouse.schemas.js';

const tags = ['inventory'];

export function warehouseRoutes(deps: Deps) {
  return async (app: App) => {
    app.post(
      '/warehouses',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Create a warehouse', body: CreateWarehouseBody, response: { 201: WarehouseSchema, ...problemResponses } },
      },
      async (request, reply) =>
        replyIdempotent(deps, request, reply, 'POST /warehouses', async (trx) => ({
          status: 201,
          body: await createWarehouse(trx, deps, request.body),
        })),
    );

    app.get(
      '/warehouses',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'List warehouses by code', response: { 200: listOf(WarehouseSchema), ...problemResponses } },
      },
      async () => ({ data: await listWarehouses(deps.db), next_cursor: null }),
    );
  };
}
