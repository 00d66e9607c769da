/**
 * The customer portal's frame (/account/*): header with the signed-in account and sign-out, the
 * page, a footer; the session provider; the service worker for the offline shell (PWA).
 */
import { useEffect } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { registerPortalServiceWorker } from '../pwa/register.js';
import { SkipLink } from '../shared/page.js';
import { useSignOut } from '../shared/useSignOut.js';
import './portal.css';
import { PortalSessionProvider, usePortalSession } from './session.js';

export function PortalLayout() {
  useEffect(registerPortalServiceWorker, []);
  return (
    <PortalSessionProvider>
      <div className="app app-portal">
        <SkipLink />
        <PortalHeader />
        <Outlet />
        <footer className="page-footer">
          <p>Your orders, deliveries and returns, in one place.</p>
        </footer>
      </div>
    </PortalSessionProvider>
  );
}

function PortalHeader() {
  const { status, session, signedOut } = usePortalSession();
  const { signOut, leaving } = useSignOut(() => call(api.portalApi.POST('/portal/auth/logout')), signedOut, '/account/sign-in');

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to="/account" className="app-name">
          Your account
        </Link>
        <nav aria-label="Account">
          <ul className="nav-list">
            {status === 'signed-in' && session ? (
              <>
                <li>
                  <NavLink to="/account/orders">Orders</NavLink>
                </li>
                <li>
                  <NavLink to="/account/returns">Returns</NavLink>
                </li>
                <li>
                  <NavLink to="/account/preferences">Messages</NavLink>
                </li>
                <li className="nav-who" data-testid="signed-in-as" aria-label={`Signed in as ${session.account.name}`}>
                  {session.account.name}
                </li>
                <li>
                  <button type="button" className="button button-link" onClick={signOut} disabled={leaving}>
                    Sign out
                  </button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/account/sign-in">Sign in</NavLink>
                </li>
                <li>
                  <NavLink to="/account/register">Create an account</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
