/**
 * Receives goods against a sent purchase order (POST /purchase-orders/{id}/receive): a quantity
 * per line, starting at what is still outstanding; lines left at 0 are not sent. Idempotent, so a
 * retried receipt never counts the units twice.
 */
import { useCallback } from 'react';
import { api, ApiError, call, type PurchaseOrder } from '../../api/index.js';
import { Field } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { outstanding } from './purchase-order-words.js';
import { wholeNumber } from '../ui/index.js';

export function ReceiveForm({ po, onReceived }: { po: PurchaseOrder; onReceived(po: PurchaseOrder, units: number): void }) {
  const sendOnce = useIdempotentSend();
  const receive = useCallback(
    async (fields: Record<string, string>) => {
      const lines = po.lines.map((l) => ({ sku: l.sku, quantity: wholeNumber(fields[`receive.${l.sku}`]) })).filter((l) => l.quantity !== 0);
      if (lines.length === 0) throw new ApiError(422, { code: 'validation_failed', detail: 'Enter how many units came for at least one line.' });
      const received = await sendOnce((key) =>
        call(api.staffApi.POST('/api/v1/purchase-orders/{id}/receive', { params: { path: { id: po.id } }, body: { lines }, headers: { 'Idempotency-Key': key } })),
      );
      onReceived(received, lines.reduce((sum, l) => sum + l.quantity, 0));
    },
    [po, sendOnce, onReceived],
  );
  const { onSubmit, pending, error } = useSubmit(receive);
  return (
    <form id="purchase-order-receive-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label={`Receive goods for ${po.number}`}>
      <p className="muted">Enter the units that arrived per line (0 for none). They go on hand at {po.warehouse}, backorders first.</p>
      <FormError error={error} />
      <div className="ops-form-grid">
        {po.lines.map((l) => (
          <Field
            key={l.sku}
            label={`Received of ${l.sku}`}
            name={`receive.${l.sku}`}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            defaultValue={outstanding(l)}
            hint={`${l.name}: ${outstanding(l).toLocaleString()} of ${l.quantity.toLocaleString()} still expected.`}
          />
        ))}
      </div>
      <FormActions pending={pending} busyLabel="Receiving…">
        Receive these units
      </FormActions>
    </form>
  );
}
