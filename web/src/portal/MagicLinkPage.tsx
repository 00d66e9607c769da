/**
 * /account/sign-in/link#token=…: where the emailed sign-in link lands (src/accounts/token-rules.ts).
 * It signs in on a press of the button, not on load: mail scanners that open links (some run the
 * page's scripts) would otherwise spend the one-time token before its owner does.
 */
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { FormError, SubmitButton, useSubmit } from '../shared/forms.js';
import { useLinkToken } from '../shared/link-token.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { usePortalSession } from './session.js';

export function MagicLinkPage() {
  usePageTitle('Sign in');
  const token = useLinkToken();
  const { signedIn } = usePortalSession();
  const navigate = useNavigate();
  const { onSubmit, pending, error } = useSubmit(async () => {
    if (token === null) return;
    signedIn(await call(api.portalApi.POST('/portal/auth/magic-link/verify', { body: { token } })));
    navigate('/account/orders', { replace: true });
  });
  if (token === null) return <MissingToken />;
  return (
    <PageMain title="Sign in" narrow>
      <p>You opened a sign-in link. It works once.</p>
      <form className="form" onSubmit={onSubmit} id="magic-link-verify-form">
        <FormError error={error} />
        <SubmitButton pending={pending} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {error ? (
        <p className="form-links">
          <Link to="/account/magic-link">Email me a new link</Link>
        </p>
      ) : null}
    </PageMain>
  );
}

function MissingToken() {
  return (
    <PageMain title="This sign-in link is incomplete" narrow>
      <p>Open the link from the email again, or ask for a new one.</p>
      <p>
        <Link to="/account/magic-link">Email me a new link</Link>
      </p>
    </PageMain>
  );
}
