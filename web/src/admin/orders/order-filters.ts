/**
 * The orders list's filters as they sit in the address (`?status=placed&q=ada&attention=true&
 * from=2026-11-01&to=2026-11-30`) and as GET /api/v1/orders takes them. Days are whole UTC days:
 * `to` includes its day (the API's created_to is exclusive, so it gets the next midnight). Pure.
 */
import type { AdminOrderStatus } from '../../api/index.js';
import { orderStatuses } from './order-statuses.js';

export const ORDER_FILTER_KEYS = ['status', 'q', 'attention', 'from', 'to'] as const;
export type OrderFilterKey = (typeof ORDER_FILTER_KEYS)[number];

export interface OrdersQuery {
  status?: AdminOrderStatus;
  q?: string;
  attention?: boolean;
  created_from?: string;
  created_to?: string;
}

const day = /^\d{4}-\d{2}-\d{2}$/;

function nextMidnight(date: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString();
}

export function ordersQuery(values: Record<OrderFilterKey, string>): OrdersQuery {
  const query: OrdersQuery = {};
  if ((orderStatuses as readonly string[]).includes(values.status)) query.status = values.status as AdminOrderStatus;
  if (values.q.trim() !== '') query.q = values.q.trim();
  if (values.attention === 'true') query.attention = true;
  if (day.test(values.from)) query.created_from = `${values.from}T00:00:00.000Z`;
  if (day.test(values.to)) query.created_to = nextMidnight(values.to);
  return query;
}
