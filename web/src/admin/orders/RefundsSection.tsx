/**
 * Money back on the order: its refunds (a return's, a cancellation's, goodwill), retrying one the
 * provider failed (POST /refunds/{id}/retry), and a goodwill refund with an amount and a reason
 * (POST /orders/{id}/refunds), asked first. The server caps it at the captured money no refund
 * holds yet, and says so when asked for more.
 */
import { api, ApiError, call, type AdminOrder, type AdminRefund } from '../../api/index.js';
import { Field, TextAreaField } from '../../shared/fields.js';
import { formatMoment, formatMoney } from '../../shared/format.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { ConfirmButton, DataTable, Section, StatusPill, type Column } from '../ui/index.js';
import { amountText, parseAmount } from './money-input.js';

/** Captured money that no refund holds yet (pending and failed ones hold theirs). */
export function refundable(order: AdminOrder, refunds: readonly AdminRefund[]): number {
  const captured = order.payments.reduce((n, p) => n + p.amount_captured, 0);
  return Math.max(0, captured - refunds.reduce((n, r) => n + r.amount, 0));
}

export function RefundsSection({ order, refunds, canWrite, onDone }: { order: AdminOrder; refunds: readonly AdminRefund[]; canWrite: boolean; onDone(message: string): void }) {
  const sendOnce = useIdempotentSend();
  const left = refundable(order, refunds);
  const columns: Column<AdminRefund>[] = [
    { key: 'created', header: 'Asked', rowHeader: true, cell: (r) => formatMoment(r.created_at) },
    { key: 'amount', header: 'Amount', align: 'end', cell: (r) => formatMoney(r.amount, r.currency) },
    { key: 'reason', header: 'Reason', cell: (r) => <span className="wrap-text">{r.reason}</span> },
    { key: 'status', header: 'Status', cell: (r) => <StatusPill status={r.status} /> },
    {
      key: 'detail',
      header: 'Detail',
      cell: (r) =>
        r.status === 'failed' ? (
          <div className="stack">
            <span className="field-error">{r.failure_message ?? r.failure_code ?? 'The provider refused it.'}</span>
            {canWrite ? (
              <ConfirmButton
                label={<>Retry<span className="visually-hidden"> the refund of {formatMoney(r.amount, r.currency)}</span></>}
                buttonClassName="button button-small"
                title={`Ask again for the refund of ${formatMoney(r.amount, r.currency)}?`}
                confirmLabel="Retry the refund"
                onConfirm={async () => {
                  await call(api.staffApi.POST('/api/v1/refunds/{id}/retry', { params: { path: { id: r.id } } }));
                  onDone(`The refund of ${formatMoney(r.amount, r.currency)} is asked for again.`);
                }}
              >
                <p>The payment provider is asked again under a fresh key; the money stays held for it meanwhile.</p>
              </ConfirmButton>
            ) : null}
          </div>
        ) : (
          <span className="muted">{r.reference ?? '—'}</span>
        ),
    },
  ];

  return (
    <Section title="Refunds">
      <DataTable caption={`Refunds of order ${order.number}`} captionHidden columns={columns} rows={refunds} rowKey={(r) => r.id} empty="No refund on this order." />
      <p className="muted">Refundable now: {formatMoney(left, order.currency)}.</p>
      {canWrite && left > 0 ? (
        <div className="button-row">
          <ConfirmButton
            label="Refund money…"
            title={`Refund money on order ${order.number}?`}
            confirmLabel="Refund"
            destructive
            fields={['amount', 'reason']}
            onConfirm={async ({ amount = '', reason = '' }) => {
              const minor = parseAmount(amount, order.currency);
              if (minor === null) throw new ApiError(422, { code: 'validation_failed', detail: 'Check the amount.', errors: [{ path: 'amount', message: `must be an amount like ${amountText(left, order.currency)}` }] });
              const body = { amount: minor, reason: reason.trim() };
              await sendOnce((key) => call(api.staffApi.POST('/api/v1/orders/{id}/refunds', { params: { path: { id: order.id } }, body, headers: { 'Idempotency-Key': key } })));
              onDone(`A refund of ${formatMoney(minor, order.currency)} is on its way to the customer.`);
            }}
          >
            <p>The money goes back through the payment provider; it cannot be taken back. At most {formatMoney(left, order.currency)}.</p>
            <Field label={`Amount (${order.currency})`} name="amount" inputMode="decimal" required defaultValue={amountText(left, order.currency)} />
            <TextAreaField label="Reason" name="reason" required maxLength={500} hint="Shown on the timeline; for example “Goodwill: parcel arrived late”." />
          </ConfirmButton>
        </div>
      ) : null}
    </Section>
  );
}
