/** Query and answer of GET /api/v1/analytics/overview. */
import { Type } from '@sinclair/typebox';
import { orderStatuses } from '../orders/index.js';

export const OverviewQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'RFC 3339; default: the start of the UTC day 29 days before `to`' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'RFC 3339; default: now. At most 366 days after `from`' })),
});

const Count = Type.Integer({ minimum: 0 });

export const OverviewSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    orders_by_status: Type.Object(Object.fromEntries(orderStatuses.map((s) => [s, Count])) as Record<(typeof orderStatuses)[number], typeof Count>, {
      description: 'Every order status with its number of orders now (all orders, not only the period’s)',
    }),
    attention: Type.Object({ orders: Count, shipments: Count }, { description: 'Open attention flags' }),
    open_returns: Type.Integer({ minimum: 0, description: 'Returns requested, approved, in transit or received' }),
    low_stock: Type.Integer({ minimum: 0, description: 'Inventory rows at or below their reorder point (GET /inventory?below_reorder_point=true)' }),
    days: Type.Array(
      Type.Object({
        date: Type.String({ description: 'YYYY-MM-DD (UTC)' }),
        orders: Type.Integer({ minimum: 0, description: 'Orders placed that day (within the period), whatever their status now' }),
        revenue: Type.Array(Type.Object({ currency: Type.String(), amount: Type.Integer({ description: 'Minor units' }) }), {
          description: 'Sum of `total` of that day’s orders that are neither cancelled nor still pending payment, per currency (only currencies that have such orders)',
        }),
      }),
      { description: 'Every UTC day of the period, oldest first, zeros included' },
    ),
  },
  { $id: 'AnalyticsOverview' },
);
