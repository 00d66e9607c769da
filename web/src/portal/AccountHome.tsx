/** /account: the orders when signed in, else the sign-in page. */
import { Navigate } from 'react-router-dom';
import { Notice } from '../shared/Notice.js';
import { usePortalSession } from './session.js';

export function AccountHome() {
  const { status } = usePortalSession();
  if (status === 'loading') {
    return (
      <main id="main" tabIndex={-1} className="page">
        <Notice busy>Checking your session…</Notice>
      </main>
    );
  }
  return <Navigate replace to={status === 'signed-in' || status === 'offline' ? '/account/orders' : '/account/sign-in'} />;
}
