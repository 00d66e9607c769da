/** Adds or removes units of one SKU at one warehouse (POST /inventory/adjustments), with the reason for the ledger. */
import { useCallback } from 'react';
import { api, call, type StockRow } from '../../api/index.js';
import { Field } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { wholeNumber } from '../ui/index.js';

export function AdjustStockForm({ row, onDone, onCancel }: { row: StockRow; onDone(changed: StockRow, delta: number): void; onCancel(): void }) {
  const sendOnce = useIdempotentSend();
  const adjust = useCallback(
    async (fields: Record<string, string>) => {
      const delta = wholeNumber(fields.delta);
      const body = { sku: row.sku, warehouse: row.warehouse, delta, reason: (fields.reason ?? '').trim() };
      const changed = await sendOnce((key) => call(api.staffApi.POST('/api/v1/inventory/adjustments', { body, headers: { 'Idempotency-Key': key } })));
      onDone(changed, delta);
    },
    [row.sku, row.warehouse, sendOnce, onDone],
  );
  const { onSubmit, pending, error } = useSubmit(adjust);
  return (
    <form id="stock-adjust-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label={`Adjust ${row.sku} at ${row.warehouse}`}>
      <p className="muted">
        {row.on_hand.toLocaleString()} on hand, {row.reserved.toLocaleString()} reserved for orders.
      </p>
      <FormError error={error} fields={['delta', 'reason']} />
      <div className="ops-form-grid">
        <Field label="Change in units" name="delta" type="number" inputMode="numeric" step={1} required error={error} hint="Positive adds units, negative removes them (e.g. −2 for two damaged)." />
        <Field label="Reason" name="reason" required maxLength={500} error={error} hint="Kept in the movement ledger." />
      </div>
      <FormActions pending={pending} busyLabel="Saving…" onCancel={onCancel}>
        Adjust stock
      </FormActions>
    </form>
  );
}
