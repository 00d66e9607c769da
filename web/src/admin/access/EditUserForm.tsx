/** Renames a staff user or changes their role (PATCH /users/{id}); 409 when it would leave no enabled admin. */
import { useCallback } from 'react';
import { api, call, type StaffRole, type StaffUserRecord } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { ROLE_HINT, roleOptions } from './role-words.js';

export function EditUserForm({ user, onSaved, onCancel }: { user: StaffUserRecord; onSaved(user: StaffUserRecord): void; onCancel(): void }) {
  const save = useCallback(
    async (fields: Record<string, string>) => {
      const name = (fields.name ?? '').trim();
      const role = (fields.role ?? user.role) as StaffRole;
      const body = { ...(name !== user.name ? { name } : {}), ...(role !== user.role ? { role } : {}) };
      onSaved(Object.keys(body).length === 0 ? user : await call(api.staffApi.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body })));
    },
    [user, onSaved],
  );
  const { onSubmit, pending, error } = useSubmit(save);
  return (
    <form id="user-edit-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label={`Edit ${user.email}`}>
      <FormError error={error} fields={['name', 'role']} />
      <div className="ops-form-grid">
        <Field label="Name" name="name" required maxLength={200} defaultValue={user.name} error={error} />
        <SelectField label="Role" name="role" defaultValue={user.role} options={roleOptions()} error={error} hint={ROLE_HINT} />
      </div>
      <FormActions pending={pending} busyLabel="Saving…" onCancel={onCancel}>
        Save changes
      </FormActions>
    </form>
  );
}
