/**
 * /account/returns: the customer's returns, newest first (GET /portal/returns), each with its
 * status in words, lines, the refund to expect and the label once approved; kept live from
 * /portal/stream (a return's change reloads the list in place). After a new request the page opens
 * with it named at the top.
 */
import { useCallback } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { useEventStream } from '../shared/useEventStream.js';
import { useLoad } from '../shared/useLoad.js';
import { LiveIndicator } from './LiveIndicator.js';
import { ReturnCard } from './returns/ReturnCard.js';
import { usePortalSession } from './session.js';
import { useSoon } from './useSoon.js';

export function ReturnsPage() {
  usePageTitle('Your returns');
  const { signedOut } = usePortalSession();
  const location = useLocation();
  const createdId = (location.state as { created?: string } | null)?.created ?? null;
  const returns = useLoad(() => call(api.portalApi.GET('/portal/returns', { params: { query: { limit: 50 } } })), [], signedOut);
  const policy = useLoad(() => call(api.portalApi.GET('/portal/returns/policy')), [], signedOut);
  const reload = useSoon(returns.reload);
  const lost = useCallback(() => signedOut(false), [signedOut]);
  const live = useEventStream(
    '/portal/stream',
    (change) => {
      if (change.type.startsWith('return.') || change.type.startsWith('refund.') || change.type.startsWith('shipment.') || change.type === 'tracking.event') reload();
    },
    lost,
  );

  const list = returns.data?.data ?? null;
  const created = createdId && list ? list.find((r) => r.id === createdId) : undefined;
  return (
    <PageMain title="Your returns">
      {list !== null ? <LiveIndicator state={live} /> : null}
      {created ? (
        <Notice tone="success">
          We have your return request for order {created.order_number}.{created.status === 'requested' ? ' We email you once it is approved.' : ''}
        </Notice>
      ) : null}
      {list === null && returns.error === null ? <Notice busy>Loading your returns…</Notice> : null}
      {returns.error ? (
        <div className="form-error" role="alert">
          <p>{returns.error.detail}</p>
        </div>
      ) : null}
      {list !== null && list.length === 0 ? (
        <p>
          No returns. To send something back, open the order from <Link to="/account/orders">your orders</Link> and choose “Return items”.
        </p>
      ) : null}
      {list !== null && list.length > 0 ? (
        <ul className="portal-return-list" aria-label="Your returns">
          {list.map((r) => (
            <ReturnCard key={r.id} record={r} policy={policy.data} fresh={r.id === createdId} />
          ))}
        </ul>
      ) : null}
    </PageMain>
  );
}
