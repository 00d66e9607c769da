/**
 * /admin/notifications: the outbox of every email and SMS sent or queued (GET /notifications),
 * newest first, filtered by status, channel and order in the address; a message's content in a
 * panel; a failed or dead one sent again (POST /notifications/{id}/retry).
 */
import { useState } from 'react';
import { api, call, type NotificationStatus, type NotificationSummary } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { formatMoment } from '../../shared/format.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { NotificationMessage } from './NotificationMessage.js';
import { canResend, channelLabel, identifierWords, notificationStatuses, notificationStatusWords } from './operation-words.js';
import '../operations.css';
import { type Column, DataTable, FiltersBar, LoadView, Pager, Panel, ProblemAlert, Section, StatusPill, useAction, useCanWrite, useCursorPager, useUrlFilters } from '../ui/index.js';

const FILTERS = ['status', 'channel', 'order_id'] as const;

export function NotificationsPage() {
  usePageTitle('Notifications', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const canWrite = useCanWrite();
  const filters = useUrlFilters(FILTERS);
  const pager = useCursorPager(filters.key);
  const { status, channel, order_id } = filters.values;
  const list = useLoad(
    () =>
      call(
        api.staffApi.GET('/api/v1/notifications', {
          params: {
            query: {
              ...(status ? { status: status as NotificationStatus } : {}),
              ...(channel ? { channel: channel as 'email' | 'sms' } : {}),
              ...(order_id ? { order_id } : {}),
              limit: 50,
              cursor: pager.cursor,
            },
          },
        }),
      ),
    [filters.key, pager.cursor],
    signedOut,
  );
  const [viewing, setViewing] = useState<NotificationSummary | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const resend = useAction(signedOut);

  async function sendAgain(n: NotificationSummary) {
    setDone(null);
    const ok = await resend.run(async () => {
      const queued = await call(api.staffApi.POST('/api/v1/notifications/{id}/retry', { params: { path: { id: n.id } } }));
      if (list.data) list.setData({ ...list.data, data: list.data.data.map((row) => (row.id === queued.id ? queued : row)) });
      if (viewing?.id === queued.id) setViewing(queued);
    });
    if (ok) setDone(`The ${identifierWords(n.template).toLowerCase()} message to ${n.to} is queued to be sent again.`);
  }

  const columns: Column<NotificationSummary>[] = [
    {
      key: 'template',
      header: 'Message',
      rowHeader: true,
      cell: (n) => (
        <>
          {identifierWords(n.template)}
          <span className="ops-sub">{channelLabel(n.channel)}</span>
        </>
      ),
    },
    { key: 'to', header: 'Recipient', cell: (n) => n.to },
    {
      key: 'status',
      header: 'Status',
      cell: (n) => {
        const words = notificationStatusWords(n.status);
        return (
          <>
            <StatusPill status={n.status} label={words.label} tone={words.tone} />
            <span className="ops-sub">{n.attempts === 1 ? '1 attempt' : `${n.attempts.toLocaleString()} attempts`}</span>
          </>
        );
      },
    },
    {
      key: 'sent',
      header: 'Sent at',
      cell: (n) =>
        n.sent_at ? (
          formatMoment(n.sent_at)
        ) : (
          <>
            —<span className="ops-sub">created {formatMoment(n.created_at)}</span>
          </>
        ),
    },
    {
      key: 'actions',
      header: 'Actions',
      cell: (n) => (
        <div className="ops-row-actions">
          <button type="button" className="button button-small" aria-expanded={viewing?.id === n.id} aria-label={`View the ${identifierWords(n.template).toLowerCase()} message to ${n.to}`} onClick={() => setViewing(viewing?.id === n.id ? null : n)}>
            View
          </button>
          {canWrite && canResend(n.status) ? (
            <button type="button" className="button button-small" disabled={resend.pending} aria-label={`Send again: ${identifierWords(n.template).toLowerCase()} to ${n.to}`} onClick={() => void sendAgain(n)}>
              Send again
            </button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <PageMain title="Notifications">
      <div className="page-tools">
        <p className="ops-lead">Every email and SMS to customers and suppliers, sent or waiting. Without SMTP or Twilio settings, messages stay in the dev outbox.</p>
        <button type="button" className="button" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>
      <FiltersBar label="Filter notifications" resetKey={filters.key} active={filters.active} onApply={(f) => filters.set(f)} onClear={filters.clear}>
        <SelectField label="Status" name="status" defaultValue={status} options={[{ value: '', label: 'Any status' }, ...notificationStatuses.map((s) => ({ value: s, label: notificationStatusWords(s).label }))]} />
        <SelectField label="Channel" name="channel" defaultValue={channel} options={[{ value: '', label: 'Email and SMS' }, { value: 'email', label: 'Email' }, { value: 'sms', label: 'SMS' }]} />
        <Field label="Order id" name="order_id" defaultValue={order_id} autoComplete="off" spellCheck={false} />
      </FiltersBar>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <ProblemAlert error={resend.error} what="The message could not be queued again" />

      {viewing ? (
        <Panel key={viewing.id} title={`Message “${identifierWords(viewing.template)}” to ${viewing.to}`} testId="notification-panel">
          <NotificationMessage id={viewing.id} refreshKey={viewing.status} />
          <p>
            <button type="button" className="button" onClick={() => setViewing(null)}>
              Close
            </button>
          </p>
        </Panel>
      ) : null}

      <Section title={status === 'dead' ? 'Messages that failed for good' : 'Messages'}>
        <LoadView loaded={list} what="the notifications">
          {(page) => (
            <>
              <DataTable<NotificationSummary>
                caption="Notifications, newest first"
                captionHidden
                rows={page.data}
                rowKey={(n) => n.id}
                rowProps={(n) => ({ 'data-testid': `notification-${n.id}` })}
                empty={filters.active > 0 ? 'No messages match these filters.' : 'No messages yet.'}
                columns={columns}
              />
              <Pager label="Pages of notifications" pager={pager} nextCursor={page.next_cursor} busy={list.loading} />
            </>
          )}
        </LoadView>
      </Section>
    </PageMain>
  );
}
