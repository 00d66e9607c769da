/**
 * /account/verify-email#token=…: where the emailed verification link lands. Verifies on load
 * (POST /portal/auth/verify-email): it grants no sign-in, only the link to the orders placed with
 * the address, so a scanner opening it does no harm.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, call } from '../api/index.js';
import { useLinkToken } from '../shared/link-token.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { usePortalSession } from './session.js';

type State = { kind: 'working' } | { kind: 'verified'; email: string } | { kind: 'failed'; error: ApiError };

export function VerifyEmailPage() {
  usePageTitle('Verify your email');
  const token = useLinkToken();
  const { status, session, signedIn } = usePortalSession();
  const [state, setState] = useState<State>({ kind: 'working' });
  const started = useRef(false);

  useEffect(() => {
    // Once per page, also under StrictMode's second effect run: the token works once.
    if (token === null || started.current) return;
    started.current = true;
    call(api.portalApi.POST('/portal/auth/verify-email', { body: { token } })).then(
      (answer) => setState({ kind: 'verified', email: answer.account.email }),
      (error: unknown) => {
        if (error instanceof ApiError) setState({ kind: 'failed', error });
        else throw error;
      },
    );
  }, [token]);

  // The signed-in account's own copy says verified too.
  useEffect(() => {
    if (state.kind === 'verified' && status === 'signed-in' && session && !session.account.email_verified && session.account.email === state.email) {
      call(api.portalApi.GET('/portal/auth/session')).then(signedIn, () => undefined);
    }
  }, [state, status, session, signedIn]);

  if (token === null) {
    return (
      <PageMain title="This verification link is incomplete" narrow>
        <p>Open the link from the email again. Signed in, you can ask for a new one from your orders page.</p>
      </PageMain>
    );
  }
  return (
    <PageMain title="Verify your email" narrow>
      {state.kind === 'working' ? <Notice busy>Verifying your email…</Notice> : null}
      {state.kind === 'verified' ? (
        <>
          <Notice tone="success">{state.email} is verified. The orders placed with it are now in your account.</Notice>
          <p>
            <Link to="/account/orders">See your orders</Link>
          </p>
        </>
      ) : null}
      {state.kind === 'failed' ? (
        <div className="form-error" role="alert">
          <p>{state.error.detail}</p>
        </div>
      ) : null}
    </PageMain>
  );
}
