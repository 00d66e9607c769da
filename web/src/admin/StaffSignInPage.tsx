/** /admin/sign-in: a staff user's email and password (POST /auth/login; users come from `waybill users create`). */
import { useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { Field } from '../shared/fields.js';
import { FormError, SubmitButton, useSubmit } from '../shared/forms.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { nextPath } from '../shared/urls.js';
import { useStaffSession } from './session.js';

export function StaffSignInPage() {
  usePageTitle('Staff sign-in', 'Waybill admin');
  const { signedIn } = useStaffSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { onSubmit, pending, error } = useSubmit(async ({ email = '', password = '' }) => {
    signedIn(await call(api.staffApi.POST('/auth/login', { body: { email, password } })));
    navigate(nextPath(location.search, '/admin', '/admin'), { replace: true });
  });
  return (
    <PageMain title="Staff sign-in" narrow>
      <form className="form" onSubmit={onSubmit} noValidate id="staff-sign-in-form">
        <FormError error={error} fields={['email', 'password']} />
        <Field label="Email" name="email" type="email" autoComplete="username" required error={error} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={error} />
        <SubmitButton pending={pending} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p className="muted">
        No account? An admin creates staff users with <code>waybill users create</code>.
      </p>
    </PageMain>
  );
}
