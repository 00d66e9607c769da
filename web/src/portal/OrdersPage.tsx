/**
 * /account/orders: the signed-in customer's orders (GET /portal/orders), newest first, each with
 * its status, a link to its page and its public tracking page; kept live from /portal/stream (a
 * change of any order reloads the list in place). Before the email is verified there are none to
 * show, and the page says how to link them.
 */
import { useCallback, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { api, ApiError, call } from '../api/index.js';
import { formatDay, formatMoney, statusLabel } from '../shared/format.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { useEventStream } from '../shared/useEventStream.js';
import { useLoad } from '../shared/useLoad.js';
import { StatusPill } from '../track/StatusPill.js';
import { LiveIndicator } from './LiveIndicator.js';
import { usePortalSession } from './session.js';
import { useSoon } from './useSoon.js';

function itemCount(lines: ReadonlyArray<{ quantity: number }>): string {
  const n = lines.reduce((sum, l) => sum + l.quantity, 0);
  return `${n} ${n === 1 ? 'item' : 'items'}`;
}

export function OrdersPage() {
  usePageTitle('Your orders');
  const { session, signedOut } = usePortalSession();
  const location = useLocation();
  const justRegistered = (location.state as { registered?: boolean } | null)?.registered === true;
  const orders = useLoad(() => call(api.portalApi.GET('/portal/orders', { params: { query: { limit: 50 } } })), [], signedOut);
  const reload = useSoon(orders.reload);
  const lost = useCallback(() => signedOut(false), [signedOut]);
  const live = useEventStream('/portal/stream', reload, lost);

  const verified = session?.account.email_verified ?? false;
  const list = orders.data?.data ?? null;
  return (
    <PageMain title="Your orders">
      {!verified ? <VerifyReminder justRegistered={justRegistered} email={session?.account.email ?? ''} /> : null}
      {list !== null && list.length > 0 ? <LiveIndicator state={live} /> : null}
      {list === null && orders.error === null ? <Notice busy>Loading your orders…</Notice> : null}
      {orders.error ? (
        <div className="form-error" role="alert">
          <p>{orders.error.detail}</p>
        </div>
      ) : null}
      {list !== null && list.length === 0 && verified ? <p>No orders yet. Orders you place with {session?.account.email} show up here.</p> : null}
      {list !== null && list.length > 0 ? (
        <ul className="order-list" data-testid="order-list" aria-label="Your orders">
          {list.map((order) => (
            <li key={order.id} className="card order-summary">
              <h2>
                <Link to={`/account/orders/${order.id}`}>Order {order.number}</Link>
              </h2>
              <p className="portal-summary-line">
                <StatusPill subject={`Status of order ${order.number}`} text={statusLabel(order.status)} />
                <span>Placed {formatDay(order.created_at)}</span>
                <span>
                  {itemCount(order.lines)} · {formatMoney(order.total, order.currency)}
                </span>
              </p>
              <p>
                <a href={order.tracking_url}>Track order {order.number}</a>
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
