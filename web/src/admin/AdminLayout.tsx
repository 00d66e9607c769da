/** The admin's frame (/admin/*): header with the signed-in staff user and sign-out, the page, the session provider. */
import { useState } from 'react';
import { Link, Outlet, useNavigate } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { SkipLink } from '../shared/page.js';
import { StaffSessionProvider, useStaffSession } from './session.js';

export function AdminLayout() {
  return (
    <StaffSessionProvider>
      <div className="app app-admin">
        <SkipLink />
        <AdminHeader />
        <Outlet />
      </div>
    </StaffSessionProvider>
  );
}

function AdminHeader() {
  const { status, session, signedOut } = useStaffSession();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);

  async function signOut() {
    setLeaving(true);
    try {
      await call(api.staffApi.POST('/auth/logout'));
    } catch {
      // Signed out on the server or not, this browser forgets the session.
    }
    signedOut(true);
    setLeaving(false);
    await navigate('/admin/sign-in', { replace: true });
  }

  return (
    <header className="app-header app-header-admin">
      <div className="app-header-inner">
        <Link to="/admin" className="app-name">
          Waybill admin
        </Link>
        {status === 'signed-in' && session ? (
          <nav aria-label="Admin">
            <ul className="nav-list">
              <li className="nav-who" data-testid="signed-in-as">
                {session.user.name} <span className="role-pill">{session.user.role}</span>
              </li>
              <li>
                <button type="button" className="button button-link" onClick={signOut} disabled={leaving}>
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
