/**
 * What staff can do with a return where it stands: approve (buys its return label) or reject with a
 * reason; receive its parcel; refund what came back (the quote, or less) or close it without a
 * refund; retry a failed refund; close it once refunded. Destructive steps ask first.
 */
import { api, ApiError, call, type AdminReturn } from '../../api/index.js';
import { Field, TextAreaField } from '../../shared/fields.js';
import { formatMoney } from '../../shared/format.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { amountText, parseAmount } from '../orders/money-input.js';
import { ConfirmButton, Section } from '../ui/index.js';
import { ReceiveForm } from './ReceiveForm.js';
import { nextStep } from './return-words.js';

export function ReturnActions({ ret, onDone }: { ret: AdminReturn; onDone(message: string): void }) {
  const sendOnce = useIdempotentSend();
  const path = { id: ret.id };
  const unpaid = Math.max(0, ret.refund_amount - ret.refunds.filter((r) => r.status !== 'failed').reduce((n, r) => n + r.amount, 0));
  const failed = ret.refunds.filter((r) => r.status === 'failed');
  const refundsSettled = ret.refunds.every((r) => r.status === 'succeeded');

  return (
    <Section title="Next step" testId="return-actions">
      <p>{nextStep(ret.status)}</p>
      {ret.status === 'requested' ? (
        <div className="button-row">
          <ConfirmButton
            label="Approve…"
            buttonClassName="button button-primary"
            title={`Approve the return for ${ret.order_number}?`}
            confirmLabel="Approve the return"
            onConfirm={async () => {
              const after = await call(api.staffApi.POST('/api/v1/returns/{id}/approve', { params: { path } }));
              onDone(after.label_url ? 'Return approved: the return label is ready to send.' : 'Return approved.');
            }}
          >
            <p>A return label is bought for the customer{ret.lines.some((l) => l.exchange_sku) ? ', and the exchange order is placed with its stock reserved' : ''}.</p>
          </ConfirmButton>
          <ConfirmButton
            label="Reject…"
            destructive
            title={`Reject the return for ${ret.order_number}?`}
            confirmLabel="Reject the return"
            fields={['reason']}
            onConfirm={async ({ reason = '' }) => {
              await call(api.staffApi.POST('/api/v1/returns/{id}/reject', { params: { path }, body: { reason: reason.trim() } }));
              onDone('Return rejected; the customer is told why.');
            }}
          >
            <p>The customer is told the reason. A rejected return cannot be reopened.</p>
            <TextAreaField label="Reason (the customer sees it)" name="reason" required maxLength={1000} />
          </ConfirmButton>
        </div>
      ) : null}
      {ret.status === 'approved' || ret.status === 'in_transit' ? <ReceiveForm ret={ret} onDone={onDone} /> : null}
      {ret.status === 'received' ? (
        <div className="button-row">
          {unpaid > 0 ? (
            <ConfirmButton
              label="Refund…"
              buttonClassName="button button-primary"
              title={`Refund the return for ${ret.order_number}?`}
              confirmLabel="Refund"
              destructive
              fields={['amount']}
              onConfirm={async ({ amount = '' }) => {
                const minor = parseAmount(amount, ret.currency);
                if (minor === null) throw new ApiError(422, { code: 'validation_failed', detail: 'Check the amount.', errors: [{ path: 'amount', message: `must be an amount like ${amountText(unpaid, ret.currency)}` }] });
                const body = minor === unpaid ? {} : { amount: minor };
                await sendOnce((key) => call(api.staffApi.POST('/api/v1/returns/{id}/refund', { params: { path }, body, headers: { 'Idempotency-Key': key } })));
                onDone(`A refund of ${formatMoney(minor, ret.currency)} is asked of the payment provider.`);
              }}
            >
              <p>The quote is {formatMoney(unpaid, ret.currency)}; refund that or less. The money goes back through the payment provider.</p>
              <Field label={`Amount (${ret.currency})`} name="amount" inputMode="decimal" required defaultValue={amountText(unpaid, ret.currency)} />
            </ConfirmButton>
          ) : null}
          <CloseButton ret={ret} onDone={onDone} withoutRefund={unpaid > 0} />
        </div>
      ) : null}
      {ret.status === 'refunded' ? (
        <div className="button-row">
          {failed.map((r) => (
            <ConfirmButton
              key={r.id}
              label={`Retry the refund of ${formatMoney(r.amount, r.currency)}…`}
              title={`Ask again for the refund of ${formatMoney(r.amount, r.currency)}?`}
              confirmLabel="Retry the refund"
              onConfirm={async () => {
                await call(api.staffApi.POST('/api/v1/refunds/{id}/retry', { params: { path: { id: r.id } } }));
                onDone('The refund is asked for again.');
              }}
            >
              <p>{r.failure_message ?? 'The provider refused it.'}</p>
            </ConfirmButton>
          ))}
          {refundsSettled ? <CloseButton ret={ret} onDone={onDone} withoutRefund={false} /> : null}
        </div>
      ) : null}
      {ret.status === 'rejected' && ret.rejection_reason ? <p>Rejected: “{ret.rejection_reason}”</p> : null}
    </Section>
  );
}

function CloseButton({ ret, onDone, withoutRefund }: { ret: AdminReturn; onDone(message: string): void; withoutRefund: boolean }) {
  return (
    <ConfirmButton
      label={withoutRefund ? 'Close without a refund…' : 'Close the return…'}
      destructive={withoutRefund}
      title={`Close the return for ${ret.order_number}?`}
      confirmLabel="Close the return"
      fields={['note']}
      onConfirm={async ({ note = '' }) => {
        await call(api.staffApi.POST('/api/v1/returns/{id}/close', { params: { path: { id: ret.id } }, body: note.trim() ? { note: note.trim() } : {} }));
        onDone('Return closed.');
      }}
    >
      <p>{withoutRefund ? 'Nothing more is refunded for this return. It cannot be reopened.' : 'The refunds went through; closing ends the return.'}</p>
      <TextAreaField label="Note (optional)" name="note" maxLength={1000} />
    </ConfirmButton>
  );
}
