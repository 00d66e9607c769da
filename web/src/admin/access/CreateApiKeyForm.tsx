/** Creates an API key (POST /api-keys {role, name}); the answer holds the key itself, once. */
import { useCallback } from 'react';
import { api, call, type CreatedApiKey, type StaffRole } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import { ROLE_HINT, roleOptions } from './role-words.js';

export function CreateApiKeyForm({ onCreated }: { onCreated(key: CreatedApiKey): void }) {
  const sendOnce = useIdempotentSend();
  const create = useCallback(
    async (fields: Record<string, string>) => {
      const name = (fields.name ?? '').trim();
      const body = { role: (fields.role ?? 'viewer') as StaffRole, ...(name !== '' ? { name } : {}) };
      const created = await sendOnce((key) => call(api.staffApi.POST('/api/v1/api-keys', { body, headers: { 'Idempotency-Key': key } })));
      onCreated(created);
    },
    [sendOnce, onCreated],
  );
  const { onSubmit, pending, error } = useSubmit(create);
  return (
    <form id="api-key-create-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label="Create an API key">
      <FormError error={error} fields={['name', 'role']} />
      <div className="ops-form-grid">
        <Field label="Name" name="name" maxLength={100} autoComplete="off" error={error} hint="What uses it, e.g. “Warehouse scanner”." />
        <SelectField label="Role" name="role" defaultValue="viewer" options={roleOptions()} error={error} hint={ROLE_HINT} />
      </div>
      <FormActions pending={pending} busyLabel="Creating…">
        Create the key
      </FormActions>
    </form>
  );
}
