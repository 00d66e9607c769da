/** A stock take: sets the counted on-hand of one SKU at one warehouse (PUT /inventory/{sku}/{warehouse}); the ledger keeps the difference. */
import { useCallback } from 'react';
import { api, call, type StockRow } from '../../api/index.js';
import { Field } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { wholeNumber } from '../ui/index.js';

export function CountStockForm({ row, onDone, onCancel }: { row: StockRow; onDone(changed: StockRow): void; onCancel(): void }) {
  const count = useCallback(
    async (fields: Record<string, string>) => {
      const reason = (fields.reason ?? '').trim();
      const changed = await call(
        api.staffApi.PUT('/api/v1/inventory/{sku}/{warehouse}', {
          params: { path: { sku: row.sku, warehouse: row.warehouse } },
          body: { on_hand: wholeNumber(fields.on_hand), ...(reason !== '' ? { reason } : {}) },
        }),
      );
      onDone(changed);
    },
    [row.sku, row.warehouse, onDone],
  );
  const { onSubmit, pending, error } = useSubmit(count);
  return (
    <form id="stock-count-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label={`Count ${row.sku} at ${row.warehouse}`}>
      <p className="muted">
        The system says {row.on_hand.toLocaleString()} on hand. Enter what is on the shelf; {row.reserved.toLocaleString()} of them stay reserved for orders.
      </p>
      <FormError error={error} fields={['on_hand', 'reason']} />
      <div className="ops-form-grid">
        <Field label="Counted on hand" name="on_hand" type="number" inputMode="numeric" min={0} step={1} required defaultValue={row.on_hand} error={error} />
        <Field label="Note (optional)" name="reason" maxLength={500} error={error} hint="e.g. Quarterly stock take." />
      </div>
      <FormActions pending={pending} busyLabel="Saving…" onCancel={onCancel}>
        Save the count
      </FormActions>
    </form>
  );
}
