/**
 * /account/reset-password#token=…: where the emailed reset link lands. Sets the new password
 * (POST /portal/auth/password-reset/confirm), which signs out every session of the account.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { Field } from '../shared/fields.js';
import { FormError, SubmitButton, useSubmit } from '../shared/forms.js';
import { useLinkToken } from '../shared/link-token.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { usePortalSession } from './session.js';

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const token = useLinkToken();
  const { signedOut } = usePortalSession();
  const [done, setDone] = useState(false);
  const { onSubmit, pending, error } = useSubmit(async ({ password = '' }) => {
    if (token === null) return;
    await call(api.portalApi.POST('/portal/auth/password-reset/confirm', { body: { token, password } }));
    signedOut(false);
    setDone(true);
  });
  if (token === null) {
    return (
      <PageMain title="This reset link is incomplete" narrow>
        <p>Open the link from the email again, or ask for a new one.</p>
        <p>
          <Link to="/account/forgot-password">Email me a new reset link</Link>
        </p>
      </PageMain>
    );
  }
  return (
    <PageMain title="Choose a new password" narrow>
      {done ? (
        <>
          <Notice tone="success">Your password is changed. Every device that was signed in has been signed out.</Notice>
          <p>
            <Link to="/account/sign-in">Sign in with the new password</Link>
          </p>
        </>
      ) : (
        <>
          <form className="form" onSubmit={onSubmit} noValidate id="reset-password-form">
            <FormError error={error} fields={['password']} />
            <Field label="New password" name="password" type="password" autoComplete="new-password" required error={error} hint="At least 8 characters; not a common password, nor your email." />
            <SubmitButton pending={pending} busyLabel="Saving…">
              Set the new password
            </SubmitButton>
          </form>
          {error && error.fieldErrors.length === 0 ? (
            <p className="form-links">
              <Link to="/account/forgot-password">Email me a new reset link</Link>
            </p>
          ) : null}
        </>
      )}
    </PageMain>
  );
}
