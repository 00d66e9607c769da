/** The fields of a supplier, for adding one (POST /suppliers) and changing one (PATCH /suppliers/{id}). */
import { useCallback } from 'react';
import { api, call, type Supplier } from '../../api/index.js';
import { Field } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { wholeNumber } from '../ui/index.js';

const FIELDS = ['name', 'email', 'lead_time_days', 'min_order_quantity'];

function bodyOf(fields: Record<string, string>) {
  return {
    name: (fields.name ?? '').trim(),
    email: (fields.email ?? '').trim(),
    lead_time_days: wholeNumber(fields.lead_time_days),
    min_order_quantity: wholeNumber(fields.min_order_quantity),
  };
}

export function SupplierForm({ supplier, onSaved, onCancel }: { supplier?: Supplier; onSaved(saved: Supplier): void; onCancel?(): void }) {
  const sendOnce = useIdempotentSend();
  const formId = supplier ? `supplier-edit-form-${supplier.id}` : 'supplier-create-form';
  const save = useCallback(
    async (fields: Record<string, string>) => {
      const body = bodyOf(fields);
      const saved = supplier
        ? await call(api.staffApi.PATCH('/api/v1/suppliers/{id}', { params: { path: { id: supplier.id } }, body }))
        : await sendOnce((key) => call(api.staffApi.POST('/api/v1/suppliers', { body, headers: { 'Idempotency-Key': key } })));
      onSaved(saved);
    },
    [supplier, sendOnce, onSaved],
  );
  const { onSubmit, pending, error } = useSubmit(save);

  return (
    <form id={formId} className="form ops-form" onSubmit={onSubmit} noValidate aria-label={supplier ? `Edit ${supplier.name}` : 'Add a supplier'}>
      <FormError error={error} fields={FIELDS} />
      <div className="ops-form-grid">
        <Field label="Name" name="name" required maxLength={200} defaultValue={supplier?.name} error={error} autoComplete="organization" />
        <Field label="Email" name="email" type="email" required defaultValue={supplier?.email} error={error} hint="Purchase orders are emailed here." autoComplete="email" />
        <Field label="Lead time (days)" name="lead_time_days" type="number" inputMode="numeric" min={0} max={365} step={1} required defaultValue={supplier?.lead_time_days ?? 7} error={error} />
        <Field label="Minimum order quantity" name="min_order_quantity" type="number" inputMode="numeric" min={1} step={1} required defaultValue={supplier?.min_order_quantity ?? 1} error={error} hint="Fewest units of a SKU per line." />
      </div>
      <FormActions pending={pending} busyLabel="Saving…" onCancel={onCancel}>
        {supplier ? 'Save changes' : 'Add supplier'}
      </FormActions>
    </form>
  );
}
