/** /account/magic-link: email a one-time sign-in link (POST /portal/auth/magic-link). */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { Field } from '../shared/fields.js';
import { FormError, SubmitButton, useSubmit } from '../shared/forms.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';

export function MagicLinkRequestPage() {
  usePageTitle('Sign in with an email link');
  const [sent, setSent] = useState<string | null>(null);
  const { onSubmit, pending, error } = useSubmit(async ({ email = '' }) => {
    const answer = await call(api.portalApi.POST('/portal/auth/magic-link', { body: { email } }));
    setSent(answer.detail);
  });
  return (
    <PageMain title="Sign in with an email link" narrow>
      {sent ? (
        <Notice tone="success">{sent}. It works once, for 15 minutes.</Notice>
      ) : (
        <>
          <p>We email you a link that signs you in: no password needed.</p>
          <form className="form" onSubmit={onSubmit} noValidate id="magic-link-form">
            <FormError error={error} fields={['email']} />
            <Field label="Email" name="email" type="email" autoComplete="email" required error={error} />
            <SubmitButton pending={pending} busyLabel="Sending…">
              Email me a link
            </SubmitButton>
          </form>
        </>
      )}
      <p className="form-links">
        <Link to="/account/sign-in">Sign in with a password</Link>
      </p>
    </PageMain>
  );
}
