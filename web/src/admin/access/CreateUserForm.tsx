/**
 * Creates a staff user who signs in at /admin/sign-in (POST /users): email, name, role and a first
 * password, which the user can change later. No Idempotency-Key: a retried create answers 409
 * (the email is taken), never a second user.
 */
import { useCallback } from 'react';
import { api, call, type StaffRole, type StaffUserRecord } from '../../api/index.js';
import { Field, SelectField } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { ROLE_HINT, roleOptions } from './role-words.js';

export function CreateUserForm({ onCreated }: { onCreated(user: StaffUserRecord): void }) {
  const create = useCallback(
    async (fields: Record<string, string>) => {
      const name = (fields.name ?? '').trim();
      const user = await call(
        api.staffApi.POST('/api/v1/users', {
          body: { email: (fields.email ?? '').trim(), role: (fields.role ?? 'viewer') as StaffRole, password: fields.password ?? '', ...(name !== '' ? { name } : {}) },
        }),
      );
      onCreated(user);
    },
    [onCreated],
  );
  const { onSubmit, pending, error } = useSubmit(create);
  return (
    <form id="user-create-form" className="form ops-form" onSubmit={onSubmit} noValidate aria-label="Add a staff user">
      <FormError error={error} fields={['email', 'name', 'role', 'password']} />
      <div className="ops-form-grid">
        <Field label="Email" name="email" type="email" required autoComplete="off" error={error} />
        <Field label="Name (optional)" name="name" maxLength={200} autoComplete="off" error={error} />
        <SelectField label="Role" name="role" defaultValue="viewer" options={roleOptions()} error={error} hint={ROLE_HINT} />
        <Field label="First password" name="password" type="password" required autoComplete="new-password" error={error} hint="8 to 128 characters, not a common one. Tell it to them another way than email." />
      </div>
      <FormActions pending={pending} busyLabel="Adding…">
        Add the user
      </FormActions>
    </form>
  );
}
