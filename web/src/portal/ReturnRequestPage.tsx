/**
 * /account/orders/:id/return: ask to send back delivered items of one order
 * (POST /portal/orders/{id}/returns). Shows the policy in words, offers only what can still come
 * back (the server's GET /portal/orders/{id}/returnable, in words by returnable.ts), and goes to the returns page with the new return once it is made.
 */
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, call, type PortalReturn } from '../api/index.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { useLoad } from '../shared/useLoad.js';
import { returnableLines } from './returnable.js';
import { PolicySummary } from './returns/PolicySummary.js';
import { ReturnForm } from './returns/ReturnForm.js';
import { usePortalSession } from './session.js';

export function ReturnRequestPage() {
  const { id = '' } = useParams();
  const { signedOut } = usePortalSession();
  const navigate = useNavigate();
  const order = useLoad(() => call(api.portalApi.GET('/portal/orders/{id}', { params: { path: { id } } })), [id], signedOut);
  const policy = useLoad(() => call(api.portalApi.GET('/portal/returns/policy')), [], signedOut);
  const returnable = useLoad(() => call(api.portalApi.GET('/portal/orders/{id}/returnable', { params: { path: { id } } })), [id], signedOut);
  const title = order.data ? `Return items of order ${order.data.number}` : 'Return items';
  usePageTitle(title);

  const error = order.error ?? policy.error ?? returnable.error;
  if (order.data === null || policy.data === null || returnable.data === null) {
    return (
      <PageMain title={error?.status === 404 ? 'We could not find this order' : 'Return items'}>
        {error ? (
          <>
            <div className="form-error" role="alert">
              <p>{error.detail}</p>
            </div>
            <p>
              <Link to="/account/orders">See your orders</Link>
            </p>
          </>
        ) : (
          <Notice busy>Loading what you can return…</Notice>
        )}
      </PageMain>
    );
  }

  const o = order.data;
  const lines = returnableLines(returnable.data);
  const open = lines.filter((l) => l.allowed > 0);
  const closed = lines.filter((l) => l.allowed === 0);
  const created = (r: PortalReturn) => navigate('/account/returns', { state: { created: r.id } });

  return (
    <PageMain title={title}>
      <p>
        <Link to={`/account/orders/${o.id}`}>Back to order {o.number}</Link>
      </p>
      <PolicySummary policy={policy.data} />
      {open.length === 0 ? (
        <Notice tone="warning">Nothing of this order can be returned right now.</Notice>
      ) : (
        <section aria-labelledby="choose-heading">
          <h2 id="choose-heading">What are you sending back?</h2>
          <ReturnForm orderId={o.id} currency={o.currency} lines={open} policy={policy.data} onCreated={created} />
        </section>
      )}
      {closed.length > 0 ? (
        <section className="card" aria-labelledby="not-returnable-heading">
          <h2 id="not-returnable-heading">Not returnable now</h2>
          <ul className="portal-list" aria-labelledby="not-returnable-heading">
            {closed.map((l) => (
              <li key={l.sku}>
                <strong>{l.name}</strong>: {l.note}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </PageMain>
  );
}
