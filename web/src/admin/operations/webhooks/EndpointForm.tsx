/**
 * Adds a webhook endpoint (POST /webhook-endpoints: the answer carries its signing secret, shown
 * once by the page) or changes one (PATCH /webhook-endpoints/{id}): URL, description, events.
 */
import { useCallback, useState } from 'react';
import { api, ApiError, call, type CreatedWebhookEndpoint, type WebhookEndpoint } from '../../../api/index.js';
import { Field } from '../../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../../shared/forms.js';
import { useIdempotentSend } from '../../../shared/useIdempotentSend.js';
import { EventTypePicker } from './EventTypePicker.js';
import { filterToSend } from './event-filter.js';

export interface EndpointFormProps {
  types: readonly string[];
  endpoint?: WebhookEndpoint;
  onCreated?(created: CreatedWebhookEndpoint): void;
  onSaved?(saved: WebhookEndpoint): void;
  onCancel?(): void;
}

export function EndpointForm({ types, endpoint, onCreated, onSaved, onCancel }: EndpointFormProps) {
  const sendOnce = useIdempotentSend();
  const [events, setEvents] = useState<Set<string>>(() => new Set(endpoint?.events ?? []));
  const save = useCallback(
    async (fields: Record<string, string>) => {
      const chosen = filterToSend(events);
      if (chosen.length === 0) throw new ApiError(422, { code: 'validation_failed', detail: 'Choose at least one event to send.', errors: [{ path: 'events', message: 'needs at least one event' }] });
      const body = { url: (fields.url ?? '').trim(), events: chosen, description: (fields.description ?? '').trim() || null };
      if (endpoint) {
        onSaved?.(await call(api.staffApi.PATCH('/api/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } }, body })));
      } else {
        const created = await sendOnce((key) => call(api.staffApi.POST('/api/v1/webhook-endpoints', { body, headers: { 'Idempotency-Key': key } })));
        onCreated?.(created);
      }
    },
    [events, endpoint, sendOnce, onCreated, onSaved],
  );
  const { onSubmit, pending, error } = useSubmit(save);
  const eventsMessage = error?.fieldErrors.find((e) => e.path === 'events' || e.path.startsWith('events['))?.message;

  return (
    <form id={endpoint ? 'webhook-edit-form' : 'webhook-create-form'} className="form ops-form" onSubmit={onSubmit} noValidate aria-label={endpoint ? `Change the endpoint ${endpoint.url}` : 'Add an endpoint'}>
      <FormError error={error} fields={['url', 'description', 'events', ...(error?.fieldErrors.filter((e) => e.path.startsWith('events[')).map((e) => e.path) ?? [])]} />
      <div className="ops-form-grid">
        <Field label="URL" name="url" type="url" inputMode="url" required maxLength={2048} defaultValue={endpoint?.url} error={error} hint="Where the events are POSTed (https)." autoComplete="off" spellCheck={false} />
        <Field label="Description (optional)" name="description" maxLength={500} defaultValue={endpoint?.description ?? ''} error={error} />
      </div>
      <EventTypePicker types={types} selected={events} onChange={setEvents} message={eventsMessage} />
      <FormActions pending={pending} busyLabel="Saving…" onCancel={onCancel}>
        {endpoint ? 'Save changes' : 'Add the endpoint'}
      </FormActions>
    </form>
  );
}
