/**
 * Packing and the order's documents: the packages processing proposed (confirmed here when packing
 * is a manual step: POST /orders/{id}/packing/confirm), and the invoice and packing slip PDFs once
 * they exist.
 */
import { api, call, type AdminOrder } from '../../api/index.js';
import { FormError } from '../../shared/forms.js';
import { formatMoment, formatMoney } from '../../shared/format.js';
import { DataTable, Section, StatusPill, useAction } from '../ui/index.js';
import type { Fulfillment } from './useOrderRecord.js';

export function PackingSection({ order, fulfillment, canWrite, onDone }: { order: AdminOrder; fulfillment: Fulfillment; canWrite: boolean; onDone(message: string): void }) {
  const confirming = useAction();
  const proposed = fulfillment.packages.some((p) => p.status === 'proposed');
  const orderPath = `/api/v1/orders/${encodeURIComponent(order.id)}`;

  function confirm() {
    return confirming.run(async () => {
      await call(api.staffApi.POST('/api/v1/orders/{id}/packing/confirm', { params: { path: { id: order.id } } }));
      onDone(`Packing of order ${order.number} confirmed.`);
    });
  }

  return (
    <Section title="Packing and documents">
      {fulfillment.packages.length === 0 ? (
        <p className="muted">Not packed yet.</p>
      ) : (
        <DataTable
          caption={`Packages of order ${order.number}`}
          captionHidden
          rows={fulfillment.packages}
          rowKey={(p) => p.id}
          columns={[
            { key: 'seq', header: 'Package', rowHeader: true, cell: (p) => `${p.seq}${p.box_code ? ` · ${p.box_code}` : ''}` },
            { key: 'from', header: 'From', cell: (p) => p.warehouse },
            { key: 'items', header: 'Contents', cell: (p) => p.items.map((i) => `${i.quantity} × ${i.sku}`).join(', ') },
            { key: 'weight', header: 'Weight', align: 'end', cell: (p) => `${(p.weight_grams / 1000).toFixed(2)} kg` },
            { key: 'status', header: 'Status', cell: (p) => <StatusPill status={p.status} tone={p.status === 'packed' ? 'success' : 'warning'} label={p.status === 'packed' ? 'Packed' : 'Proposed'} /> },
          ]}
        />
      )}
      {canWrite && proposed ? (
        <>
          <FormError error={confirming.error} />
          <p>Packing is a manual step here: check the proposed boxes, pack them, then confirm.</p>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => void confirm()} disabled={confirming.pending}>
              {confirming.pending ? 'Confirming…' : 'Confirm packing'}
            </button>
          </div>
        </>
      ) : null}
      <ul className="plain-list documents">
        <li>
          {fulfillment.invoice ? (
            <>
              <a href={`${orderPath}/invoice.pdf`} target="_blank" rel="noreferrer">
                Invoice {fulfillment.invoice.number} (PDF)
              </a>{' '}
              <span className="muted">
                {formatMoney(fulfillment.invoice.total, fulfillment.invoice.currency)}, issued {formatMoment(fulfillment.invoice.issued_at)}
              </span>
            </>
          ) : (
            <span className="muted">The invoice is issued once the order is packed.</span>
          )}
        </li>
        <li>
          {fulfillment.packages.length > 0 ? (
            <a href={`${orderPath}/packing-slip.pdf`} target="_blank" rel="noreferrer">
              Packing slip (PDF)
            </a>
          ) : (
            <span className="muted">The packing slip exists once the packages are planned.</span>
          )}
        </li>
      </ul>
    </Section>
  );
}
