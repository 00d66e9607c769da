/**
 * Cancelling an order, whole or some units of its lines (POST /orders/{id}/cancel), with a reason,
 * behind a confirmation: the stock is released, the payment voided or refunded and the customer
 * told. Only units that have not shipped can be cancelled. Sent with an Idempotency-Key
 * (useIdempotentSend): confirmed again after a lost answer, a partial cancel is replayed rather
 * than cancelling its units a second time.
 */
import { api, ApiError, call, type AdminOrder } from '../../api/index.js';
import { ConfirmButton } from '../ui/index.js';
import { Field, TextAreaField } from '../../shared/fields.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';

/** Units of each line that can still be cancelled. */
export function openUnits(order: AdminOrder): Array<{ index: number; sku: string; name: string; open: number }> {
  return order.lines.map((l, index) => ({ index, sku: l.sku, name: l.name, open: l.quantity - l.quantity_shipped - l.quantity_cancelled })).filter((l) => l.open > 0);
}

export function CancelOrder({ order, onDone }: { order: AdminOrder; onDone(message: string): void }) {
  const sendOnce = useIdempotentSend();
  const open = openUnits(order);
  if (open.length === 0) return null;
  const path = { id: order.id };

  return (
    <div className="button-row">
      <ConfirmButton
        label="Cancel the order…"
        title={`Cancel order ${order.number}?`}
        confirmLabel="Cancel the order"
        cancelLabel="Keep the order"
        destructive
        fields={['reason']}
        onConfirm={async ({ reason = '' }) => {
          const body = { reason: reason.trim() };
          await sendOnce((key) => call(api.staffApi.POST('/api/v1/orders/{id}/cancel', { params: { path }, body, headers: { 'Idempotency-Key': key } })));
          onDone(`Order ${order.number} is cancelled.`);
        }}
      >
        <p>Every unit that has not shipped is cancelled: its stock is released, the payment voided or refunded, and the customer is told.</p>
        <TextAreaField label="Reason" name="reason" required maxLength={1000} />
      </ConfirmButton>
      {open.length > 1 || open[0]!.open > 1 ? (
        <ConfirmButton
          label="Cancel some units…"
          title={`Cancel units of order ${order.number}?`}
          confirmLabel="Cancel these units"
          cancelLabel="Keep them"
          destructive
          fields={['reason']}
          onConfirm={async (fields) => {
            const bySku = new Map<string, number>();
            for (const line of open) {
              const quantity = Number(fields[`quantity-${line.index}`] || 0);
              if (quantity > 0) bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + quantity);
            }
            if (bySku.size === 0) throw new ApiError(422, { code: 'validation_failed', detail: 'Choose at least one unit to cancel.' });
            const lines = [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
            const body = { lines, reason: (fields.reason ?? '').trim() };
            await sendOnce((key) => call(api.staffApi.POST('/api/v1/orders/{id}/cancel', { params: { path }, body, headers: { 'Idempotency-Key': key } })));
            onDone(`Cancelled ${lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')} of order ${order.number}.`);
          }}
        >
          <p>The units cancelled are released back to stock and refunded or taken off the payment.</p>
          {open.map((line) => (
            <Field key={line.index} label={`${line.sku} — ${line.name} (up to ${line.open})`} name={`quantity-${line.index}`} type="number" min={0} max={line.open} defaultValue={0} inputMode="numeric" />
          ))}
          <TextAreaField label="Reason" name="reason" required maxLength={1000} />
        </ConfirmButton>
      ) : null}
    </div>
  );
}
