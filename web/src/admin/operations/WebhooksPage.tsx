/**
 * /admin/webhooks: outbound webhook endpoints (GET /webhook-endpoints) and, per endpoint, its
 * delivery log with replay. Admins add an endpoint (its signing secret is shown once, right after)
 * and, in its settings, change its URL and events, read its secret again, disable or enable it and
 * delete it; everyone else reads.
 */
import { useState } from 'react';
import { api, call, type CreatedWebhookEndpoint, type WebhookEndpoint } from '../../api/index.js';
import { formatDay } from '../../shared/format.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { EndpointDeliveries } from './webhooks/EndpointDeliveries.js';
import { EndpointForm } from './webhooks/EndpointForm.js';
import { EndpointSettings } from './webhooks/EndpointSettings.js';
import { filterWords } from './webhooks/event-filter.js';
import '../operations.css';
import { type Column, DataTable, LoadView, Pager, Panel, ProblemAlert, ReadOnlyNote, Section, ShownOnce, StatusPill, useAction, useCursorPager, useIsAdmin } from '../ui/index.js';

type Open = { id: string; mode: 'deliveries' | 'settings' };

export function WebhooksPage() {
  usePageTitle('Webhooks', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const isAdmin = useIsAdmin();
  const pager = useCursorPager();
  const endpoints = useLoad(() => call(api.staffApi.GET('/api/v1/webhook-endpoints', { params: { query: { limit: 50, cursor: pager.cursor } } })), [pager.cursor], signedOut);
  const eventTypes = useLoad(() => call(api.staffApi.GET('/api/v1/webhook-event-types')), [], signedOut);
  const [open, setOpen] = useState<Open | null>(null);
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);
  const [secret, setSecret] = useState<{ url: string; value: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction(signedOut);

  const rows = endpoints.data?.data ?? [];
  const opened = open ? rows.find((e) => e.id === open.id) : undefined;

  function replaceRow(next: WebhookEndpoint) {
    if (endpoints.data) endpoints.setData({ ...endpoints.data, data: endpoints.data.data.map((e) => (e.id === next.id ? next : e)) });
  }
  function toggle(id: string, mode: Open['mode']) {
    setDone(null);
    setOpen(open?.id === id && open.mode === mode ? null : { id, mode });
  }
  async function enable(endpoint: WebhookEndpoint) {
    setDone(null);
    const ok = await action.run(async () => {
      replaceRow(await call(api.staffApi.PATCH('/api/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } }, body: { status: 'active' } })));
    });
    if (ok) setDone(`Deliveries to ${endpoint.url} are on again.`);
  }
  async function showSecret(endpoint: WebhookEndpoint) {
    setDone(null);
    await action.run(async () => {
      const answer = await call(api.staffApi.GET('/api/v1/webhook-endpoints/{id}/secret', { params: { path: { id: endpoint.id } } }));
      setSecret({ url: endpoint.url, value: answer.secret });
    });
  }

  const columns: Column<WebhookEndpoint>[] = [
    {
      key: 'url',
      header: 'URL',
      rowHeader: true,
      cell: (e) => (
        <span className="ops-url">
          {e.url}
          {e.description ? <span className="ops-sub">{e.description}</span> : null}
        </span>
      ),
    },
    { key: 'events', header: 'Events', cell: (e) => <span className="ops-wrap">{filterWords(e.events)}</span> },
    {
      key: 'status',
      header: 'Status',
      cell: (e) => (
        <>
          <StatusPill status={e.status} label={e.status === 'active' ? 'Active' : 'Disabled'} tone={e.status === 'active' ? 'success' : 'neutral'} />
          {e.disabled_reason ? <span className="ops-sub ops-wrap">{e.disabled_reason}</span> : null}
        </>
      ),
    },
    { key: 'created', header: 'Added', cell: (e) => formatDay(e.created_at) },
    {
      key: 'actions',
      header: 'Actions',
      cell: (e) => (
        <div className="ops-row-actions">
          <button type="button" className="button button-small" aria-expanded={open?.id === e.id && open.mode === 'deliveries'} aria-label={`Deliveries to ${e.url}`} onClick={() => toggle(e.id, 'deliveries')}>
            Deliveries
          </button>
          {isAdmin ? (
            <button type="button" className="button button-small" aria-expanded={open?.id === e.id && open.mode === 'settings'} aria-label={`Settings of ${e.url}`} onClick={() => toggle(e.id, 'settings')}>
              Settings
            </button>
          ) : null}
        </div>
      ),
    },
  ];

  const schedule = eventTypes.data?.retry_schedule_seconds;
  return (
    <PageMain title="Webhooks">
      <p className="ops-lead">
        Waybill POSTs each subscribed event to your endpoints, signed per the Standard Webhooks spec (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>)
        {schedule ? `, and retries a failed delivery ${schedule.length} times with growing waits` : ''}. A 410 Gone answer disables the endpoint.
      </p>
      {!isAdmin ? <ReadOnlyNote needs="admin" /> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      <ProblemAlert error={action.error} />

      {created ? (
        <ShownOnce
          title={`Endpoint added: ${created.url}`}
          label="Signing secret"
          value={created.secret}
          warning="Store this signing secret now, in the receiving system: it verifies each delivery's signature. It is not shown on this page again."
          onDismiss={() => setCreated(null)}
          testId="webhook-secret"
        />
      ) : null}
      {secret ? (
        <ShownOnce
          title={`Signing secret of ${secret.url}`}
          label="Signing secret"
          value={secret.value}
          warning="Anyone with this secret can forge deliveries that pass the signature check. Keep it out of chats and tickets."
          onDismiss={() => setSecret(null)}
          dismissLabel="Hide it"
        />
      ) : null}

      {isAdmin ? (
        <details key={created?.id ?? 'new'} className="ops-disclosure">
          <summary>Add an endpoint</summary>
          <LoadView loaded={eventTypes} what="the event types">
            {(catalogue) => (
              <EndpointForm
                key={created?.id ?? 'new'}
                types={catalogue.types}
                onCreated={(c) => {
                  setCreated(c);
                  endpoints.reload();
                }}
              />
            )}
          </LoadView>
        </details>
      ) : null}

      {open && opened ? (
        <Panel key={`${open.mode}:${opened.id}`} title={open.mode === 'settings' ? `Settings of ${opened.url}` : `Deliveries to ${opened.url}`} testId={`webhook-${open.mode}`}>
          {open.mode === 'settings' ? (
            <LoadView loaded={eventTypes} what="the event types">
              {(catalogue) => (
                <EndpointSettings
                  endpoint={opened}
                  types={catalogue.types}
                  busy={action.pending}
                  onSaved={(saved, message) => {
                    replaceRow(saved);
                    setOpen(null);
                    setDone(message);
                  }}
                  onDeleted={(gone) => {
                    setOpen(null);
                    setDone(`Deleted the endpoint ${gone.url}.`);
                    endpoints.reload();
                  }}
                  onShowSecret={(e) => void showSecret(e)}
                  onEnable={(e) => void enable(e)}
                  onClose={() => setOpen(null)}
                />
              )}
            </LoadView>
          ) : (
            <>
              <EndpointDeliveries endpoint={opened} canReplay={isAdmin} />
              <p>
                <button type="button" className="button" onClick={() => setOpen(null)}>
                  Close
                </button>
              </p>
            </>
          )}
        </Panel>
      ) : null}

      <Section title="Endpoints">
        <LoadView loaded={endpoints} what="the endpoints">
          {(page) => (
            <>
              <DataTable<WebhookEndpoint>
                caption="Webhook endpoints"
                captionHidden
                rows={page.data}
                rowKey={(e) => e.id}
                rowProps={(e) => ({ 'data-testid': `webhook-endpoint-${e.id}` })}
                empty={isAdmin ? 'No endpoints yet. Add one above to receive events.' : 'No endpoints yet.'}
                columns={columns}
              />
              <Pager label="Pages of endpoints" pager={pager} nextCursor={page.next_cursor} busy={endpoints.loading} />
            </>
          )}
        </LoadView>
      </Section>
    </PageMain>
  );
}
