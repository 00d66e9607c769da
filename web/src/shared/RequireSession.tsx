/** Renders its children for a signed-in session; otherwise sends the visitor to sign in (and back). */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { SessionStatus } from './session.js';
import { Notice } from './Notice.js';
import { PageMain } from './page.js';

export function RequireSession({ status, leftByChoice = false, signInPath, children }: { status: SessionStatus; leftByChoice?: boolean; signInPath: string; children: ReactNode }) {
  const location = useLocation();
  if (status === 'loading') {
    return (
      <main id="main" tabIndex={-1} className="page">
        <Notice busy>Checking your session…</Notice>
      </main>
    );
  }
  if (status === 'offline') {
    return (
      <PageMain title="You are offline" narrow>
        <Notice tone="warning">This page needs a connection; it will work again once you are back online.</Notice>
      </PageMain>
    );
  }
  if (status === 'signed-out') {
    // Signed out here by choice: to the sign-in page, not back to this one after signing in.
    if (leftByChoice) return <Navigate replace to={signInPath} />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate replace to={`${signInPath}?next=${encodeURIComponent(next)}`} />;
  }
  return <>{children}</>;
}
