/** /account/register: name, email, password (POST /portal/auth/register): signs in and emails a verification link. */
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { Field } from '../shared/fields.js';
import { FormError, SubmitButton, useSubmit } from '../shared/forms.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { usePortalSession } from './session.js';

export function RegisterPage() {
  usePageTitle('Create an account');
  const { signedIn } = usePortalSession();
  const navigate = useNavigate();
  const { onSubmit, pending, error } = useSubmit(async ({ name = '', email = '', password = '' }) => {
    signedIn(await call(api.portalApi.POST('/portal/auth/register', { body: { name, email, password } })));
    navigate('/account/orders', { replace: true, state: { registered: true } });
  });
  return (
    <PageMain title="Create an account" narrow>
      <p>Use the email you order with: once you confirm it, your orders show up here.</p>
      <form className="form" onSubmit={onSubmit} noValidate id="register-form">
        <FormError error={error} fields={['name', 'email', 'password']} />
        <Field label="Name" name="name" autoComplete="name" required error={error} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={error} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required error={error} hint="At least 8 characters; not a common password, nor your email." />
        <SubmitButton pending={pending} busyLabel="Creating your account…">
          Create account
        </SubmitButton>
      </form>
      <p className="form-links">
        Have an account already? <Link to="/account/sign-in">Sign in</Link>
      </p>
    </PageMain>
  );
}
