/**
 * Puts units of a SKU at a warehouse that may have no stock row yet (POST /inventory/adjustments):
 * the way a new product's first stock gets in without the API.
 */
import { useCallback } from 'react';
import { api, call, type StockRow, type Warehouse } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { wholeNumber } from '../ui/index.js';

export function AddStockForm({ warehouses, onDone }: { warehouses: readonly Warehouse[]; onDone(changed: StockRow, delta: number): void }) {
  const sendOnce = useIdempotentSend();
  const add = useCallback(
    async (fields: Record<string, string>) => {
      const delta = wholeNumber(fields.delta);
      const body = { sku: (fields.sku ?? '').trim(), warehouse: fields.warehouse ?? '', delta, reason: (fields.reason ?? '').trim() };
      const changed = await sendOnce((key) => call(api.staffApi.POST('/api/v1/inventory/adjustments', { body, headers: { 'Idempotency-Key': key } })));
      onDone(changed, delta);
    },
    [sendOnce, onDone],
  );
  const { onSubmit, pending, error } = useSubmit(add);
  return (
    <form id="stock-add-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label="Add stock">
      <FormError error={error} fields={['sku', 'warehouse', 'delta', 'reason']} />
      <div className="ops-form-grid">
        <Field label="SKU" name="sku" required autoComplete="off" spellCheck={false} error={error} />
        <SelectField label="Warehouse" name="warehouse" required options={warehouses.map((w) => ({ value: w.code, label: `${w.code} · ${w.name}` }))} error={error} />
        <Field label="Units to add" name="delta" type="number" inputMode="numeric" step={1} required error={error} />
        <Field label="Reason" name="reason" required maxLength={500} defaultValue="Goods in" error={error} />
      </div>
      <FormActions pending={pending} busyLabel="Saving…">
        Add stock
      </FormActions>
    </form>
  );
}
