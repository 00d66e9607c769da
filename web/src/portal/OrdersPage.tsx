/**
 * /account/orders: the signed-in customer's orders (GET /portal/orders), each with its tracking
 * page. A first version: order detail, live status, returns and preferences come next (issue 9).
 */
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api, ApiError, call, type PortalOrderSummary } from '../api/index.js';
import { formatDay, formatMoney, statusLabel } from '../shared/format.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { usePortalSession } from './session.js';

type State = { kind: 'loading' } | { kind: 'loaded'; orders: PortalOrderSummary[] } | { kind: 'failed'; error: ApiError };

export function OrdersPage() {
  usePageTitle('Your orders');
  const { session, signedOut } = usePortalSession();
  const location = useLocation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const justRegistered = (location.state as { registered?: boolean } | null)?.registered === true;

  useEffect(() => {
    let live = true;
    call(api.portalApi.GET('/portal/orders', { params: { query: { limit: 50 } } })).then(
      (page) => live && setState({ kind: 'loaded', orders: page.data }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) signedOut(false);
        else if (error instanceof ApiError) setState({ kind: 'failed', error });
        else throw error;
      },
    );
    return () => {
      live = false;
    };
  }, [signedOut]);

  const verified = session?.account.email_verified ?? false;
  return (
    <PageMain title="Your orders">
      {!verified ? <VerifyReminder justRegistered={justRegistered} email={session?.account.email ?? ''} /> : null}
      {state.kind === 'loading' ? <Notice busy>Loading your orders…</Notice> : null}
      {state.kind === 'failed' ? (
        <div className="form-error" role="alert">
          <p>{state.error.detail}</p>
        </div>
      ) : null}
      {state.kind === 'loaded' && state.orders.length === 0 && verified ? <p>No orders yet. Orders you place with {session?.account.email} show up here.</p> : null}
      {state.kind === 'loaded' && state.orders.length > 0 ? (
        <ul className="order-list" data-testid="order-list">
          {state.orders.map((order) => (
            <li key={order.id} className="card order-summary">
              <h2>Order {order.number}</h2>
              <p>
                <span className="status-pill">{statusLabel(order.status)}</span> Placed {formatDay(order.created_at)} · {formatMoney(order.total, order.currency)}
              </p>
              <p>
                <a href={order.tracking_url}>
                  Track order {order.number}
                </a>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </PageMain>
  );
}

function VerifyReminder({ justRegistered, email }: { justRegistered: boolean; email: string }) {
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  async function resend() {
    setPending(true);
    setError(null);
    try {
      setSent((await call(api.portalApi.POST('/portal/auth/verify-email/resend'))).detail);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure);
      else throw failure;
    } finally {
      setPending(false);
    }
  }
  return (
    <section className="card card-notice" aria-labelledby="verify-heading" data-testid="verify-reminder">
      <h2 id="verify-heading">{justRegistered ? 'Welcome! One more step' : 'Verify your email'}</h2>
      <p>We sent a link to {email}. Open it to confirm the address: your orders placed with it then show up here.</p>
      {sent ? <Notice tone="success">{sent}.</Notice> : null}
      {error ? (
        <div className="form-error" role="alert">
          <p>{error.detail}</p>
        </div>
      ) : null}
      {!sent ? (
        <button type="button" className="button" onClick={resend} disabled={pending}>
          {pending ? 'Sending…' : 'Send the link again'}
        </button>
      ) : null}
    </section>
  );
}
