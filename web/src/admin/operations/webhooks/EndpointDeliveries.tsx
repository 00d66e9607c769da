/**
 * The delivery log of one endpoint (GET /webhook-endpoints/{id}/deliveries), newest first, by
 * status; a delivery's detail, and replaying one now with a fresh retry schedule (admins).
 */
import { useState } from 'react';
import { api, call, type WebhookDelivery, type WebhookEndpoint } from '../../../api/index.js';
import { SelectField } from '../../../shared/fields.js';
import { formatMoment } from '../../../shared/format.js';
import { Notice } from '../../../shared/Notice.js';
import { useLoad } from '../../../shared/useLoad.js';
import { useStaffSession } from '../../session.js';
import { deliveryStatuses, deliveryStatusWords } from '../operation-words.js';
import { DeliveryDetail } from './DeliveryDetail.js';
import { type Column, DataTable, LoadView, Pager, ProblemAlert, StatusPill, useAction, useCursorPager } from '../../ui/index.js';

export function EndpointDeliveries({ endpoint, canReplay }: { endpoint: WebhookEndpoint; canReplay: boolean }) {
  const { signedOut } = useStaffSession();
  const [status, setStatus] = useState<WebhookDelivery['status'] | ''>('');
  const pager = useCursorPager(status);
  const deliveries = useLoad(
    () => call(api.staffApi.GET('/api/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id: endpoint.id }, query: { ...(status ? { status } : {}), limit: 25, cursor: pager.cursor } } })),
    [endpoint.id, status, pager.cursor],
    signedOut,
  );
  const [viewing, setViewing] = useState<WebhookDelivery | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const replay = useAction(signedOut);

  async function replayOne(d: WebhookDelivery) {
    setDone(null);
    const ok = await replay.run(async () => {
      const again = await call(api.staffApi.POST('/api/v1/webhook-endpoints/{id}/deliveries/{delivery_id}/replay', { params: { path: { id: endpoint.id, delivery_id: d.id } } }));
      if (deliveries.data) deliveries.setData({ ...deliveries.data, data: deliveries.data.data.map((row) => (row.id === again.id ? again : row)) });
      if (viewing?.id === again.id) setViewing(again);
    });
    if (ok) setDone(`${d.event_type} is being sent again.`);
  }

  const columns: Column<WebhookDelivery>[] = [
    {
      key: 'event',
      header: 'Event',
      rowHeader: true,
      cell: (d) => (
        <>
          <code>{d.event_type}</code>
          <span className="ops-sub">{formatMoment(d.created_at)}</span>
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (d) => {
        const words = deliveryStatusWords(d.status);
        return (
          <>
            <StatusPill status={d.status} label={words.label} tone={words.tone} />
            {d.next_attempt_at ? <span className="ops-sub">next try {formatMoment(d.next_attempt_at)}</span> : null}
          </>
        );
      },
    },
    { key: 'attempts', header: 'Attempts', align: 'end', cell: (d) => d.attempts.toLocaleString() },
    { key: 'code', header: 'Response', cell: (d) => (d.last_status_code !== null ? `HTTP ${d.last_status_code}` : d.last_error ? <span className="ops-wrap">{d.last_error}</span> : '—') },
    {
      key: 'actions',
      header: 'Actions',
      cell: (d) => (
        <div className="ops-row-actions">
          <button type="button" className="button button-small" aria-expanded={viewing?.id === d.id} aria-label={`Details of ${d.event_type} delivery ${d.id}`} onClick={() => setViewing(viewing?.id === d.id ? null : d)}>
            Details
          </button>
          {canReplay ? (
            <button type="button" className="button button-small" disabled={replay.pending} aria-label={`Replay ${d.event_type} delivery ${d.id}`} onClick={() => void replayOne(d)}>
              Replay
            </button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="ops-stack">
      <div className="ops-inline-filter">
        <SelectField
          label="Delivery status"
          name="delivery_status"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as WebhookDelivery['status'] | '')}
          options={[{ value: '', label: 'Any status' }, ...deliveryStatuses.map((s) => ({ value: s, label: deliveryStatusWords(s).label }))]}
        />
      </div>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <ProblemAlert error={replay.error} what="The delivery could not be replayed" />
      <LoadView loaded={deliveries} what="the deliveries">
        {(page) => (
          <>
            <DataTable<WebhookDelivery>
              caption={`Deliveries to ${endpoint.url}, newest first`}
              rows={page.data}
              rowKey={(d) => d.id}
              rowProps={(d) => ({ 'data-testid': `delivery-${d.id}` })}
              empty={status ? 'No deliveries with this status.' : 'Nothing delivered yet: deliveries appear once a subscribed event happens.'}
              columns={columns}
            />
            <Pager label="Pages of deliveries" pager={pager} nextCursor={page.next_cursor} busy={deliveries.loading} />
          </>
        )}
      </LoadView>
      {viewing ? (
        <section className="ops-subpanel" aria-label={`Delivery ${viewing.id}`}>
          <h3>
            Delivery of <code>{viewing.event_type}</code>
          </h3>
          <DeliveryDetail endpointId={endpoint.id} deliveryId={viewing.id} refreshKey={`${viewing.status}:${viewing.attempts}:${viewing.updated_at}`} />
        </section>
      ) : null}
    </div>
  );
}
