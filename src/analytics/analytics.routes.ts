/**
 * The admin dashboard's figures (`GET /api/v1/analytics/overview`, viewer): the shop's state now
 * (orders by status, attention flags, open returns, low stock) and a day series for a period.
 * Carrier performance (`GET /analytics/carriers`) stays with tracking, whose data it is.
 */
import type { Clock } from '../platform/clock.js';
import { isoTime } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { dailySeries } from './daily-series.js';
import { overviewRange } from './overview-range.js';
import { attentionCounts, dayCurrencyTotals, lowStockCount, openReturnCount, ordersByStatus } from './overview.repository.js';
import { OverviewQuery, OverviewSchema } from './overview.schemas.js';

export function analyticsRoutes(deps: { db: Db; clock: Clock }) {
  return async (app: App) => {
    app.get(
      '/analytics/overview',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['analytics'],
          summary: 'Dashboard figures: orders by status, attention, open returns, low stock, and orders and revenue per day',
          description: '422 when `from` is after `to` or the period is longer than 366 days. Days are UTC; the first and last count only the part inside the period.',
          querystring: OverviewQuery,
          response: { 200: OverviewSchema, ...problemResponses },
        },
      },
      async (request) => {
        const range = overviewRange(request.query, deps.clock.now());
        if (Array.isArray(range)) throw validationError(range);
        const from = isoTime(range.from);
        const to = isoTime(range.to);
        return {
          from,
          to,
          orders_by_status: await ordersByStatus(deps.db),
          attention: await attentionCounts(deps.db),
          open_returns: await openReturnCount(deps.db),
          low_stock: await lowStockCount(deps.db),
          days: dailySeries(range.from, range.to, await dayCurrencyTotals(deps.db, from, to)),
        };
      },
    );
  };
}
