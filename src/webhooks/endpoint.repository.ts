/** Webhook endpoint rows: free functions over a db or a transaction. */
import type { Executor } from '../platform/db/database.js';
import type { WebhookEndpointTable } from '../platform/db/schema.js';

export type EndpointStatus = 'active' | 'disabled';

export interface EndpointView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: EndpointStatus;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export function endpointView(row: WebhookEndpointTable): EndpointView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    description: row.description,
    status: row.status as EndpointStatus,
    disabled_reason: row.disabled_reason,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function insertEndpoint(db: Executor, row: WebhookEndpointTable): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function findEndpoint(db: Executor, id: string): Promise<WebhookEndpointTable | null> {
  return (await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function listEndpoints(db: Executor, options: { status?: EndpointStatus; before?: string; limit: number }): Promise<WebhookEndpointTable[]> {
  let q = db.selectFrom('webhook_endpoints').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.status) q = q.where('status', '=', options.status);
  if (options.before) q = q.where('id', '<', options.before);
  return q.execute();
}

/** Active endpoints with their filters: who may want a new event. */
export async function activeEndpointFilters(db: Executor): Promise<Array<{ id: string; events: string[] }>> {
  const rows = await db.selectFrom('webhook_endpoints').select(['id', 'events']).where('status', '=', 'active').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, events: JSON.parse(r.events) as string[] }));
}

export async function updateEndpoint(db: Executor, id: string, changes: Partial<Pick<WebhookEndpointTable, 'url' | 'events' | 'description' | 'status' | 'disabled_reason'>>, now: string): Promise<void> {
  await db
    .updateTable('webhook_endpoints')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Disables an endpoint and cancels what was still waiting to go to it, in the caller's
 * transaction. False when it was not active (already disabled: nothing to do).
 */
export async function disableEndpoint(db: Executor, id: string, reason: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('webhook_endpoints')
    .set({ status: 'disabled', disabled_reason: reason, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'cancelled', next_attempt_at: null, last_error: `cancelled: ${reason}`, updated_at: now })
    .where('endpoint_id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
  return result.numUpdatedRows > 0n;
}

/** Removes an endpoint and its delivery log. */
export async function deleteEndpoint(db: Executor, id: string): Promise<boolean> {
  await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
