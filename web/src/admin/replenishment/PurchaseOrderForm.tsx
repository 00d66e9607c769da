/**
 * Raises a purchase order by hand (POST /purchase-orders): supplier, warehouse, one or more lines
 * (SKU and quantity; the SKUs of the catalogue are offered as suggestions), a note, and whether to
 * send it to the supplier at once or keep it a draft.
 */
import { useCallback, useId, useState } from 'react';
import { api, call, type ProductSummary, type PurchaseOrder, type Supplier, type Warehouse } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { wholeNumber } from '../ui/index.js';

export interface PurchaseOrderFormProps {
  suppliers: readonly Supplier[];
  warehouses: readonly Warehouse[];
  products: readonly ProductSummary[];
  onCreated(po: PurchaseOrder): void;
}

let nextLineId = 1;
const newLine = () => nextLineId++;

export function PurchaseOrderForm({ suppliers, warehouses, products, onCreated }: PurchaseOrderFormProps) {
  const sendOnce = useIdempotentSend();
  const skuList = useId();
  // Only the rows' identities live in state: the inputs keep their own values (and are renamed by position).
  const [lines, setLines] = useState<number[]>(() => [newLine()]);

  const create = useCallback(
    async (fields: Record<string, string>) => {
      const body = {
        supplier_id: fields.supplier_id ?? '',
        warehouse: fields.warehouse ?? '',
        lines: lines.map((_, i) => ({ sku: (fields[`lines[${i}].sku`] ?? '').trim(), quantity: wholeNumber(fields[`lines[${i}].quantity`]) })),
        note: (fields.note ?? '').trim() || null,
        send: fields.send === 'true',
      };
      const po = await sendOnce((key) => call(api.staffApi.POST('/api/v1/purchase-orders', { body, headers: { 'Idempotency-Key': key } })));
      onCreated(po);
    },
    [lines, sendOnce, onCreated],
  );
  const { onSubmit, pending, error } = useSubmit(create);
  const shownFields = ['supplier_id', 'warehouse', 'note', ...lines.flatMap((_, i) => [`lines[${i}].sku`, `lines[${i}].quantity`])];

  return (
    <form id="purchase-order-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label="Raise a purchase order">
      <FormError error={error} fields={shownFields} />
      <div className="ops-form-grid">
        <SelectField label="Supplier" name="supplier_id" required options={suppliers.map((s) => ({ value: s.id, label: s.name }))} error={error} />
        <SelectField label="Deliver to warehouse" name="warehouse" required options={warehouses.map((w) => ({ value: w.code, label: `${w.code} · ${w.name}` }))} error={error} />
      </div>
      <fieldset className="ops-fieldset">
        <legend>Lines</legend>
        <datalist id={skuList}>
          {products.map((p) => (
            <option key={p.sku} value={p.sku}>
              {p.name}
            </option>
          ))}
        </datalist>
        <ol className="ops-lines">
          {lines.map((id, i) => (
            <li key={id} className="ops-line">
              <Field label={`Line ${i + 1} SKU`} name={`lines[${i}].sku`} required list={skuList} autoComplete="off" spellCheck={false} error={error} />
              <Field label={`Line ${i + 1} quantity`} name={`lines[${i}].quantity`} type="number" inputMode="numeric" min={1} step={1} required error={error} />
              {lines.length > 1 ? (
                <button type="button" className="button button-small" onClick={() => setLines(lines.filter((l) => l !== id))} aria-label={`Remove line ${i + 1}`}>
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        <button type="button" className="button" onClick={() => setLines([...lines, newLine()])} disabled={lines.length >= 200}>
          Add a line
        </button>
      </fieldset>
      <Field label="Note for the supplier (optional)" name="note" maxLength={2000} error={error} />
      <label className="ops-check">
        <input type="checkbox" name="send" value="true" /> Send it to the supplier now (otherwise it is kept as a draft)
      </label>
      <FormActions pending={pending} busyLabel="Raising…">
        Raise the purchase order
      </FormActions>
    </form>
  );
}
