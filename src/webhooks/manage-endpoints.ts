/**
 * Creating and changing webhook endpoints: the filter is checked against the catalogue and the URL
 * against the SSRF guard (resolved now; it is resolved and checked again before every attempt).
 */
import { isoTime } from '../platform/clock.js';
import { transactionWithRetry, type Trx } from '../platform/db/database.js';
import { notFound, validationError, type FieldError } from '../platform/errors.js';
import { deleteEndpoint, disableEndpoint, endpointView, findEndpoint, insertEndpoint, updateEndpoint, type EndpointStatus, type EndpointView } from './endpoint.repository.js';
import { eventFilterProblem } from './event-catalogue.js';
import { newWebhookSecret } from './signing.js';
import { checkTarget, TargetRefused } from './url-guard.js';
import type { WebhookDeps } from './webhook-deps.js';

export interface EndpointInput {
  url: string;
  events: string[];
  description?: string | null;
}

export interface EndpointChange {
  url?: string;
  events?: string[];
  description?: string | null;
  status?: EndpointStatus;
}

/** The filter, deduplicated in its given order; 422 naming every entry that is not known. */
export function checkedFilter(events: readonly string[]): string[] {
  const errors: FieldError[] = [];
  events.forEach((entry, i) => {
    const problem = eventFilterProblem(entry);
    if (problem) errors.push({ path: `events[${i}]`, message: problem });
  });
  if (errors.length > 0) throw validationError(errors);
  return [...new Set(events)];
}

/** 422 on `url` when the guard refuses it. Runs before any transaction: it waits on DNS. */
export async function checkedUrl(deps: WebhookDeps, url: string): Promise<string> {
  try {
    await checkTarget(url, deps.allowPrivate, deps.resolve);
  } catch (error) {
    if (error instanceof TargetRefused) throw validationError([{ path: 'url', message: error.message }]);
    throw error;
  }
  return url;
}

export async function createEndpoint(trx: Trx, deps: WebhookDeps, input: EndpointInput): Promise<EndpointView & { secret: string }> {
  const now = isoTime(deps.clock.now());
  const row = {
    id: deps.ids.new('whe'),
    url: input.url,
    events: JSON.stringify(input.events),
    secret: newWebhookSecret(deps.ids),
    description: input.description ?? null,
    status: 'active',
    disabled_reason: null,
    created_at: now,
    updated_at: now,
  };
  await insertEndpoint(trx, row);
  return { ...endpointView(row), secret: row.secret };
}

/**
 * Applies a PATCH. Disabling cancels what was waiting for the endpoint; enabling clears the reason
 * but revives nothing (replay does that, delivery by delivery).
 */
export async function changeEndpoint(trx: Trx, deps: WebhookDeps, id: string, change: EndpointChange): Promise<EndpointView> {
  const existing = await findEndpoint(trx, id);
  if (existing === null) throw notFound(`Webhook endpoint ${id}`);
  const now = isoTime(deps.clock.now());
  await updateEndpoint(
    trx,
    id,
    {
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.events !== undefined ? { events: JSON.stringify(change.events) } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.status === 'active' ? { status: 'active', disabled_reason: null } : {}),
    },
    now,
  );
  if (change.status === 'disabled' && existing.status === 'active') await disableEndpoint(trx, id, 'disabled by hand', now);
  return endpointView((await findEndpoint(trx, id))!);
}

/**
 * Removes an endpoint and its delivery log. The relay may insert a delivery for it between the two
 * deletes (PostgreSQL, read committed): the endpoint's delete then fails on the foreign key, and a
 * second try, which sees that delivery, succeeds.
 */
export async function removeEndpoint(deps: Pick<WebhookDeps, 'db'>, id: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const removed = await transactionWithRetry(deps.db, (trx) => deleteEndpoint(trx, id));
      if (!removed) throw notFound(`Webhook endpoint ${id}`);
      return;
    } catch (error) {
      if (attempt >= 3 || (error as { code?: unknown }).code !== '23503') throw error;
    }
  }
}
