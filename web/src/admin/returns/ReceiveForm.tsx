/**
 * Receiving a return's parcel (POST /returns/{id}/receive): for each line, how many units arrived
 * resellable (back on hand at the return's warehouse) and how many damaged (written off), and a
 * note. The refund is quoted again from what arrived.
 */
import { useCallback } from 'react';
import { api, ApiError, call, type AdminReturn } from '../../api/index.js';
import { Field, TextAreaField } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';

type ReceiptLine = { sku: string; quantity: number; condition: 'resellable' | 'damaged' };

/** The form's counts as the request's lines (a line with both conditions gives two). */
export function receiptLines(ret: AdminReturn, fields: Record<string, string>): ReceiptLine[] {
  const lines: ReceiptLine[] = [];
  ret.lines.forEach((line, index) => {
    for (const condition of ['resellable', 'damaged'] as const) {
      const quantity = Number(fields[`${condition}-${index}`] || 0);
      if (Number.isInteger(quantity) && quantity > 0) lines.push({ sku: line.sku, quantity, condition });
    }
  });
  return lines;
}

export function ReceiveForm({ ret, onDone }: { ret: AdminReturn; onDone(message: string): void }) {
  const { onSubmit, pending, error } = useSubmit(
    useCallback(
      async (fields: Record<string, string>) => {
        const lines = receiptLines(ret, fields);
        if (lines.length === 0) throw new ApiError(422, { code: 'validation_failed', detail: 'Enter at least one unit that arrived.' });
        const note = (fields.note ?? '').trim();
        const after = await call(api.staffApi.POST('/api/v1/returns/{id}/receive', { params: { path: { id: ret.id } }, body: { lines, ...(note ? { note } : {}) } }));
        const resellable = lines.filter((l) => l.condition === 'resellable').reduce((n, l) => n + l.quantity, 0);
        const damaged = lines.filter((l) => l.condition === 'damaged').reduce((n, l) => n + l.quantity, 0);
        onDone(`Received: ${resellable} resellable (back in stock), ${damaged} damaged. The return is ${after.status === 'closed' ? 'closed (nothing to refund)' : after.status}.`);
      },
      [ret, onDone],
    ),
  );
  return (
    <form className="form" aria-label="Receive the return" onSubmit={(e) => void onSubmit(e)}>
      <h3>Receive the parcel</h3>
      <FormError error={error} fields={['note']} />
      {ret.lines.map((line, index) => {
        const open = line.quantity - line.quantity_received;
        return (
          <fieldset key={index} className="line-fieldset" disabled={open <= 0}>
            <legend>
              {line.sku} — {line.name} ({open} of {line.quantity} expected)
            </legend>
            <div className="form-grid">
              <Field label={`Resellable units of ${line.sku}`} name={`resellable-${index}`} type="number" min={0} max={open} defaultValue={open} inputMode="numeric" hint="Back on hand" />
              <Field label={`Damaged units of ${line.sku}`} name={`damaged-${index}`} type="number" min={0} max={open} defaultValue={0} inputMode="numeric" hint="Written off" />
            </div>
          </fieldset>
        );
      })}
      <TextAreaField label="Note (optional)" name="note" maxLength={1000} error={error} />
      <FormActions pending={pending} busyLabel="Receiving…">
        Receive the return
      </FormActions>
    </form>
  );
}
