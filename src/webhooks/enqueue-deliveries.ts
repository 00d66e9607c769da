/**
 * Turns relayed events into deliveries: one row per (endpoint, event) for every active endpoint
 * whose filter wants the event, and a job for its first attempt, in the relay's transaction (so an
 * event is either announced with its deliveries or not at all). The unique (endpoint, event) key
 * makes a second relay of the same event a no-op.
 */
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import type { WebhookDeliveryTable } from '../platform/db/schema.js';
import { enqueueAttempt } from './deliver-webhook.js';
import { insertDeliveries } from './delivery.repository.js';
import { activeEndpointFilters } from './endpoint.repository.js';
import { filterMatches } from './event-catalogue.js';
import type { RelayedEvent } from './types.js';
import type { WebhookDeps } from './webhook-deps.js';

/** Rows per insert: 14 columns each stays far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_INSERT = 500;

/** The body every endpoint receives for `event` (Standard Webhooks payload structure). */
export function webhookBody(event: RelayedEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurred_at, data: { order_id: event.order_id, ...event.data } });
}

/** Creates the deliveries of `events` and enqueues their first attempts; the number created. */
export async function enqueueWebhookDeliveries(trx: Trx, deps: Pick<WebhookDeps, 'ids' | 'clock' | 'enqueue'>, events: readonly RelayedEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const endpoints = await activeEndpointFilters(trx);
  if (endpoints.length === 0) return 0;
  const now = deps.clock.now();
  const at = isoTime(now);
  const rows: WebhookDeliveryTable[] = [];
  for (const event of events) {
    const wanting = endpoints.filter((e) => filterMatches(e.events, event.type));
    if (wanting.length === 0) continue;
    const payload = webhookBody(event);
    for (const endpoint of wanting) {
      rows.push({
        id: deps.ids.new('whd'),
        endpoint_id: endpoint.id,
        event_id: event.id,
        event_type: event.type,
        payload,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        last_status_code: null,
        last_error: null,
        last_response: null,
        delivered_at: null,
        created_at: at,
        updated_at: at,
      });
    }
  }
  let created = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const inserted = await insertDeliveries(trx, rows.slice(i, i + ROWS_PER_INSERT));
    for (const { id } of inserted) await enqueueAttempt(trx, deps, { delivery_id: id, attempts: 0, step: 0 }, now);
    created += inserted.length;
  }
  return created;
}
