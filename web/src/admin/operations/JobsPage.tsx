/**
 * /admin/jobs: the background queue (GET /jobs), newest first, by status and type in the address;
 * status "dead" is the dead-letter view: jobs that used up their attempts, with the last error,
 * each sent back to the queue with fresh attempts (POST /jobs/{id}/retry).
 */
import { useState } from 'react';
import { api, call, type Job, type JobStatus } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { formatMoment } from '../../shared/format.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { identifierWords, jobStatuses, jobStatusWords, prettyJson } from './operation-words.js';
import '../operations.css';
import { type Column, DataTable, FiltersBar, LoadView, Pager, ProblemAlert, Section, StatusPill, useAction, useCanWrite, useCursorPager, useUrlFilters } from '../ui/index.js';

const FILTERS = ['status', 'type'] as const;

export function JobsPage() {
  usePageTitle('Jobs', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const canWrite = useCanWrite();
  const filters = useUrlFilters(FILTERS);
  const pager = useCursorPager(filters.key);
  const { status, type } = filters.values;
  const dead = status === 'dead';
  const jobs = useLoad(
    () => call(api.staffApi.GET('/api/v1/jobs', { params: { query: { ...(status ? { status: status as JobStatus } : {}), ...(type ? { type } : {}), limit: 50, cursor: pager.cursor } } })),
    [filters.key, pager.cursor],
    signedOut,
  );
  const retry = useAction(signedOut);
  const [done, setDone] = useState<string | null>(null);

  async function retryJob(job: Job) {
    setDone(null);
    const ok = await retry.run(async () => {
      const queued = await call(api.staffApi.POST('/api/v1/jobs/{id}/retry', { params: { path: { id: job.id } } }));
      // In the dead-letter view the job leaves the list; elsewhere its row shows it queued.
      if (jobs.data) jobs.setData({ ...jobs.data, data: dead ? jobs.data.data.filter((j) => j.id !== job.id) : jobs.data.data.map((j) => (j.id === queued.id ? queued : j)) });
    });
    if (ok) setDone(`${identifierWords(job.type)} is back in the queue with ${job.max_attempts.toLocaleString()} fresh attempts.`);
  }

  const columns: Column<Job>[] = [
    { key: 'type', header: 'Job', rowHeader: true, cell: (j) => <code>{j.type}</code> },
    {
      key: 'status',
      header: 'Status',
      cell: (j) => {
        const words = jobStatusWords(j.status);
        return (
          <>
            <StatusPill status={j.status} label={words.label} tone={words.tone} />
            <span className="ops-sub">
              {j.attempts.toLocaleString()} of {j.max_attempts.toLocaleString()} attempts
            </span>
          </>
        );
      },
    },
    { key: 'error', header: 'Last error', cell: (j) => (j.last_error ? <span className="ops-wrap">{j.last_error}</span> : '—') },
    { key: 'run_at', header: dead ? 'Last run due' : 'Runs at', cell: (j) => formatMoment(j.run_at) },
    {
      key: 'payload',
      header: 'Payload',
      cell: (j) => (
        <details className="ops-payload">
          <summary>
            Show<span className="visually-hidden"> the payload of {j.type}</span>
          </summary>
          <pre className="ops-pre">{prettyJson(j.payload)}</pre>
        </details>
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      key: 'retry',
      header: 'Actions',
      cell: (j) =>
        j.status === 'dead' ? (
          <button type="button" className="button button-small" disabled={retry.pending} aria-label={`Retry ${j.type}`} onClick={() => void retryJob(j)}>
            Retry
          </button>
        ) : null,
    });
  }

  const statusOptions = [{ value: '', label: 'Any status' }, ...jobStatuses.map((s) => ({ value: s, label: s === 'dead' ? 'Dead letters' : jobStatusWords(s).label }))];
  return (
    <PageMain title="Jobs">
      <div className="page-tools">
        <p className="ops-lead">The work the server does in the background: payments, labels, tracking, emails, webhooks, reorders. A job that fails is retried with backoff; when its attempts run out it becomes a dead letter.</p>
        <div className="button-row">
          {!dead ? (
            <button type="button" className="button" onClick={() => filters.set({ status: 'dead' })}>
              Show the dead letters
            </button>
          ) : null}
          <button type="button" className="button" onClick={jobs.reload} disabled={jobs.loading}>
            Refresh
          </button>
        </div>
      </div>
      <FiltersBar label="Filter jobs" resetKey={filters.key} active={filters.active} onApply={(f) => filters.set(f)} onClear={filters.clear}>
        <SelectField label="Status" name="status" defaultValue={status} options={statusOptions} />
        <Field label="Type" name="type" defaultValue={type} autoComplete="off" spellCheck={false} hint="e.g. notifications.send" />
      </FiltersBar>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <ProblemAlert error={retry.error} what="The job could not be retried" />

      <Section title={dead ? 'Dead letters' : 'Jobs'}>
        {dead ? <p className="muted">These jobs used up their attempts. Fix the cause (the last error says what went wrong), then retry them.</p> : null}
        <LoadView loaded={jobs} what="the jobs">
          {(page) => (
            <>
              <DataTable<Job>
                caption={dead ? 'Dead letters, newest first' : 'Jobs, newest first'}
                captionHidden
                rows={page.data}
                rowKey={(j) => j.id}
                rowProps={(j) => ({ 'data-testid': `job-${j.id}` })}
                empty={dead ? 'No dead letters: every job finished or is still trying.' : filters.active > 0 ? 'No jobs match these filters.' : 'No jobs yet.'}
                columns={columns}
              />
              <Pager label="Pages of jobs" pager={pager} nextCursor={page.next_cursor} busy={jobs.loading} />
            </>
          )}
        </LoadView>
      </Section>
    </PageMain>
  );
}
