/** /account/sign-in: email and password (POST /portal/auth/login), with the ways around a lost password. */
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { Field } from '../shared/fields.js';
import { FormError, SubmitButton, useSubmit } from '../shared/forms.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { nextPath } from '../shared/urls.js';
import { usePortalSession } from './session.js';

export function SignInPage() {
  usePageTitle('Sign in');
  const { signedIn } = usePortalSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { onSubmit, pending, error } = useSubmit(async ({ email = '', password = '' }) => {
    signedIn(await call(api.portalApi.POST('/portal/auth/login', { body: { email, password } })));
    navigate(nextPath(location.search, '/account', '/account/orders'), { replace: true });
  });
  return (
    <PageMain title="Sign in" narrow>
      <form className="form" onSubmit={onSubmit} noValidate id="sign-in-form">
        <FormError error={error} fields={['email', 'password']} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={error} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={error} />
        <SubmitButton pending={pending} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <ul className="form-links">
        <li>
          <Link to="/account/magic-link">Email me a sign-in link instead</Link>
        </li>
        <li>
          <Link to="/account/forgot-password">Forgot your password?</Link>
        </li>
        <li>
          New here? <Link to="/account/register">Create an account</Link>
        </li>
      </ul>
    </PageMain>
  );
}
