/**
 * /admin/suppliers: who purchase orders go to (GET /suppliers), adding one (POST) and changing one
 * (PATCH /suppliers/{id}) in a panel opened from its row. Viewers see the list only.
 */
import { useState } from 'react';
import { api, call, type Supplier } from '../../api/index.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { SupplierForm } from './SupplierForm.js';
import '../operations.css';
import { type Column, countOf, DataTable, LoadView, Pager, Panel, ReadOnlyNote, Section, useCanWrite, useCursorPager } from '../ui/index.js';

export function SuppliersPage() {
  usePageTitle('Suppliers', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const canWrite = useCanWrite();
  const pager = useCursorPager();
  const suppliers = useLoad(() => call(api.staffApi.GET('/api/v1/suppliers', { params: { query: { limit: 50, cursor: pager.cursor } } })), [pager.cursor], signedOut);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function saved(message: string) {
    setDone(message);
    setEditing(null);
    suppliers.reload();
  }

  const edited = editing === null ? undefined : suppliers.data?.data.find((s) => s.id === editing);
  const columns: Column<Supplier>[] = [
    { key: 'name', header: 'Name', rowHeader: true, cell: (s) => s.name },
    { key: 'email', header: 'Email', cell: (s) => <a href={`mailto:${s.email}`}>{s.email}</a> },
    { key: 'lead', header: 'Lead time', align: 'end', cell: (s) => countOf(s.lead_time_days, 'day') },
    { key: 'moq', header: 'Minimum per line', align: 'end', cell: (s) => countOf(s.min_order_quantity, 'unit') },
  ];
  if (canWrite) {
    columns.push({
      key: 'edit',
      header: 'Actions',
      cell: (s) => (
        <button type="button" className="button button-small" aria-expanded={editing === s.id} aria-label={`Edit ${s.name}`} onClick={() => setEditing(editing === s.id ? null : s.id)}>
          Edit
        </button>
      ),
    });
  }

  return (
    <PageMain title="Suppliers">
      <p className="ops-lead">Purchase orders are emailed to the supplier. Its lead time sets when the goods are expected (a product’s own lead time wins).</p>
      {!canWrite ? <ReadOnlyNote /> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}

      {canWrite ? (
        <details className="ops-disclosure">
          <summary>Add a supplier</summary>
          <SupplierForm key={done ?? 'new'} onSaved={(s) => saved(`Added ${s.name}.`)} />
        </details>
      ) : null}

      {edited ? (
        <Panel key={edited.id} title={`Edit ${edited.name}`}>
          <SupplierForm supplier={edited} onSaved={(s) => saved(`Saved ${s.name}.`)} onCancel={() => setEditing(null)} />
        </Panel>
      ) : null}

      <Section title="All suppliers">
        <LoadView loaded={suppliers} what="the suppliers">
          {(page) => (
            <>
              <DataTable<Supplier> caption="Suppliers" captionHidden rows={page.data} rowKey={(s) => s.id} empty={canWrite ? 'No suppliers yet. Add the first one above.' : 'No suppliers yet.'} columns={columns} />
              <Pager label="Pages of suppliers" pager={pager} nextCursor={page.next_cursor} busy={suppliers.loading} />
            </>
          )}
        </LoadView>
      </Section>
    </PageMain>
  );
}
