/**
 * The order's returns (each linked to its page) and starting one for the customer
 * (POST /api/v1/returns): units that were delivered, a reason from the return policy each, and a
 * comment. What may be returned comes from the server (GET /api/v1/orders/{id}/returnable), which
 * also says which rule a refused request broke.
 */
import { Link } from 'react-router-dom';
import { api, ApiError, call, type AdminOrder, type AdminReturn, type AdminReturnPolicy, type AdminShipment } from '../../api/index.js';
import { Field, SelectField, TextAreaField } from '../../shared/fields.js';
import { formatMoment, formatMoney } from '../../shared/format.js';
import { useLoad } from '../../shared/useLoad.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { ConfirmButton, DataTable, Section, StatusPill, type Column } from '../ui/index.js';

function StartReturn({ order, shipments, returns, onDone }: { order: AdminOrder; shipments: readonly AdminShipment[]; returns: readonly AdminReturn[]; onDone(message: string, returnId: string): void }) {
  const policy = useLoad<AdminReturnPolicy>(() => call(api.staffApi.GET('/api/v1/returns/policy')), []);
  // What may still come back, as the server counts it (delivered, inside the window, less what other
  // returns hold): asked again whenever the order, its parcels or its returns change.
  const returnable = useLoad(
    () => call(api.staffApi.GET('/api/v1/orders/{id}/returnable', { params: { path: { id: order.id } } })),
    [order.id, order.updated_at, shipments.map((s) => s.status).join(), returns.map((r) => r.status).join()],
  );
  const sendOnce = useIdempotentSend();
  const units = (returnable.data?.lines ?? []).filter((l) => l.allowed > 0).map((l, index) => ({ index, sku: l.sku, name: l.name, units: l.allowed }));
  if (units.length === 0) return null;
  const reasons = policy.data?.reasons ?? [];
  return (
    <div className="button-row">
      <ConfirmButton
        label="Start a return…"
        title={`Start a return of order ${order.number}`}
        confirmLabel="Start the return"
        disabled={policy.data === null}
        fields={['comment']}
        onConfirm={async (fields) => {
          const lines = units
            .map((u) => ({ sku: u.sku, quantity: Number(fields[`quantity-${u.index}`] || 0), reason: fields[`reason-${u.index}`] ?? '' }))
            .filter((l) => l.quantity > 0);
          if (lines.length === 0) throw new ApiError(422, { code: 'validation_failed', detail: 'Choose at least one unit to return.' });
          const comment = (fields.comment ?? '').trim();
          const body = { order_id: order.id, lines, ...(comment ? { comment } : {}) };
          const created = await sendOnce((key) => call(api.staffApi.POST('/api/v1/returns', { body, headers: { 'Idempotency-Key': key } })));
          onDone(`Return started (${created.status === 'approved' ? 'approved at once by the policy' : 'waiting for approval'}).`, created.id);
        }}
      >
        <p>For units the customer has received. Leave a line at 0 to keep it out of the return.</p>
        {units.map((u) => (
          <fieldset key={u.index} className="line-fieldset">
            <legend>
              {u.sku} — {u.name} (up to {u.units})
            </legend>
            <Field label="Units to return" name={`quantity-${u.index}`} type="number" min={0} max={u.units} defaultValue={0} inputMode="numeric" />
            <SelectField label="Reason" name={`reason-${u.index}`} options={reasons.map((r) => ({ value: r.code, label: r.label }))} />
          </fieldset>
        ))}
        <TextAreaField label="Comment (optional)" name="comment" maxLength={2000} />
      </ConfirmButton>
    </div>
  );
}

export function OrderReturnsSection({ order, shipments, returns, canWrite, onDone }: { order: AdminOrder; shipments: readonly AdminShipment[]; returns: readonly AdminReturn[]; canWrite: boolean; onDone(message: string): void }) {
  const columns: Column<AdminReturn>[] = [
    { key: 'return', header: 'Return', rowHeader: true, cell: (r) => <Link to={`/admin/returns/${r.id}`}>Return of {formatMoment(r.created_at)}</Link> },
    { key: 'status', header: 'Status', cell: (r) => <StatusPill status={r.status} /> },
    { key: 'lines', header: 'Units', cell: (r) => r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ') },
    { key: 'refund', header: 'Refund', align: 'end', cell: (r) => formatMoney(r.refund_amount, r.currency) },
    { key: 'by', header: 'Asked by', cell: (r) => (r.requested_by === 'staff' ? 'Staff' : 'Customer') },
  ];
  return (
    <Section title="Returns">
      <DataTable caption={`Returns of order ${order.number}`} captionHidden columns={columns} rows={returns} rowKey={(r) => r.id} empty="No return for this order." />
      {canWrite ? <StartReturn order={order} shipments={shipments} returns={returns} onDone={(message) => onDone(message)} /> : null}
    </Section>
  );
}
