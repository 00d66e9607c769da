/** /account/forgot-password: email a one-time password reset link (POST /portal/auth/password-reset). */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { Field } from '../shared/fields.js';
import { FormError, SubmitButton, useSubmit } from '../shared/forms.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const [sent, setSent] = useState<string | null>(null);
  const { onSubmit, pending, error } = useSubmit(async ({ email = '' }) => {
    const answer = await call(api.portalApi.POST('/portal/auth/password-reset', { body: { email } }));
    setSent(answer.detail);
  });
  return (
    <PageMain title="Reset your password" narrow>
      {sent ? (
        <Notice tone="success">{sent}. It works once, for 30 minutes.</Notice>
      ) : (
        <>
          <p>We email you a link to choose a new password.</p>
          <form className="form" onSubmit={onSubmit} noValidate id="forgot-password-form">
            <FormError error={error} fields={['email']} />
            <Field label="Email" name="email" type="email" autoComplete="email" required error={error} />
            <SubmitButton pending={pending} busyLabel="Sending…">
              Email me a reset link
            </SubmitButton>
          </form>
        </>
      )}
      <p className="form-links">
        <Link to="/account/sign-in">Back to sign in</Link>
      </p>
    </PageMain>
  );
}
