import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { decodeCursor, listOf, page, PageQuery, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { demandWindowStart } from '../catalog/index.js';
import { SkuSchema } from '../catalog/product.schemas.js';
import { adjustStock, setStockCount } from './change-stock.js';
import { AdjustmentBody, MovementSchema, SetCountBody, StockParams, StockSchema } from './inventory.schemas.js';
import { listMovements, queryStock, type StockRow } from './stock.repository.js';
import { findWarehouseByCode } from './warehouse.repository.js';
import { WarehouseCodeSchema } from './warehouse.schemas.js';
import { notFound } from '../platform/errors.js';

const tags = ['inventory'];


function publicStock(row: StockRow) {
  const { warehouse_id: _id, cover, ...rest } = row;
  return { ...rest, ...cover };
}

export function inventoryRoutes(deps: Deps) {
  return async (app: App) => {
    app.get(
      '/inventory',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'Stock per SKU and warehouse',
          description:
            'Each row with its effective reorder point and quantity, what is on order, and what the demand over the last WAYBILL_DEMAND_WINDOW_DAYS suggests. `below_reorder_point=true`: the low-stock view, rows whose available is at or below the reorder point (managed pairs only).',
          querystring: Type.Object({
            sku: Type.Optional(SkuSchema),
            warehouse: Type.Optional(WarehouseCodeSchema),
            below_reorder_point: Type.Optional(Type.Boolean()),
            ...PageQuery,
          }),
          response: { 200: listOf(StockSchema), ...problemResponses },
        },
      },
      async (request) => {
        const { sku, warehouse, below_reorder_point, cursor } = request.query;
        const limit = request.query.limit ?? 50;
        const decoded = decodeCursor(cursor);
        const [afterSku, afterCode] = decoded ? decoded.split(':') : [];
        const rows = await queryStock(deps.db, {
          sku,
          warehouseCode: warehouse,
          belowReorderPoint: below_reorder_point === true,
          after: afterSku !== undefined && afterCode !== undefined ? { sku: afterSku, code: afterCode } : undefined,
          limit: limit + 1,
          demand: { since: demandWindowStart(deps.clock.now(), deps.config.replenishment.demandWindowDays), windowDays: deps.config.replenishment.demandWindowDays },
        });
        const result = page(rows, limit, (r) => `${r.sku}:${r.warehouse}`);
        return { data: result.data.map(publicStock), next_cursor: result.next_cursor };
      },
    );

    app.put(
      '/inventory/:sku/:warehouse',
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Set a counted on_hand (stock take)', params: StockParams, body: SetCountBody, response: { 200: StockSchema, ...problemResponses } },
      },
      async (request) => {
        const row = await deps.db.transaction().execute((trx) =>
          setStockCount(trx, deps, {
            sku: request.params.sku,
            warehouse: request.params.warehouse,
            onHand: request.body.on_hand,
            reason: request.body.reason ?? null,
            actor: principalLabel(request.principal),
          }),
        );
        return publicStock(row);
      },
    );

    app.post(
      '/inventory/adjustments',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Add or remove units',
          body: AdjustmentBody,
          response: { 201: StockSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = principalLabel(request.principal);
        return replyIdempotent(deps, request, reply, 'POST /inventory/adjustments', async (trx) => ({
          status: 201,
          body: publicStock(await adjustStock(trx, deps, { ...request.body, actor })),
        }));
      },
    );

    app.get(
      '/inventory/movements',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'The stock movement ledger, newest first',
          querystring: Type.Object({
            sku: Type.Optional(SkuSchema),
            warehouse: Type.Optional(WarehouseCodeSchema),
            order_id: Type.Optional(Type.String({ maxLength: 64 })),
            ...PageQuery,
          }),
          response: { 200: listOf(MovementSchema), ...problemResponses },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        let warehouseId: string | undefined;
        if (request.query.warehouse !== undefined) {
          const warehouse = await findWarehouseByCode(deps.db, request.query.warehouse);
          if (!warehouse) throw notFound(`Warehouse ${request.query.warehouse}`);
          warehouseId = warehouse.id;
        }
        const rows = await listMovements(deps.db, {
          sku: request.query.sku,
          warehouseId,
          orderId: request.query.order_id,
          before: decodeCursor(request.query.cursor),
          limit: limit + 1,
        });
        return page(
          rows.map(({ warehouse_id: _w, ...row }) => row),
          limit,
          (r) => r.id,
        );
      },
    );
  };
}
