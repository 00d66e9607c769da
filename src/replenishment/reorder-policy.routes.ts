/** A warehouse's own reorder point for a SKU, under /api/v1/inventory/{sku}/{warehouse}/reorder-policy. */
import { transactionWithRetry } from '../platform/db/database.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { clearReorderPolicy, reorderPolicyView, setReorderPolicy } from './manage-reorder-policy.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';
import { PutReorderPolicyBody, ReorderPolicyParams, ReorderPolicySchema } from './reorder-policy.schemas.js';

const tags = ['replenishment'];
const path = '/inventory/:sku/:warehouse/reorder-policy';

export function reorderPolicyRoutes(deps: ReplenishmentDeps) {
  return async (app: App) => {
    app.get(
      path,
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'The reorder point and quantity that apply to a SKU at a warehouse, and where they come from', params: ReorderPolicyParams, response: { 200: ReorderPolicySchema, ...problemResponses } },
      },
      async (request) => reorderPolicyView(deps.db, request.params.sku, request.params.warehouse),
    );

    app.put(
      path,
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Set this warehouse’s own reorder point (and optionally quantity) for the SKU, over the product’s',
          params: ReorderPolicyParams,
          body: PutReorderPolicyBody,
          response: { 200: ReorderPolicySchema, ...problemResponses },
        },
      },
      async (request) => {
        const { sku, warehouse } = request.params;
        await transactionWithRetry(deps.db, (trx) => setReorderPolicy(trx, deps.clock, sku, warehouse, request.body));
        return reorderPolicyView(deps.db, sku, warehouse);
      },
    );

    app.delete(
      path,
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Drop the warehouse’s override: the product’s reorder point applies again', params: ReorderPolicyParams, response: { 200: ReorderPolicySchema, ...problemResponses } },
      },
      async (request) => {
        const { sku, warehouse } = request.params;
        await transactionWithRetry(deps.db, (trx) => clearReorderPolicy(trx, sku, warehouse));
        return reorderPolicyView(deps.db, sku, warehouse);
      },
    );
  };
}
