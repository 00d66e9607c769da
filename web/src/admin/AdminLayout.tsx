/**
 * The admin's frame (/admin/*): header with the signed-in staff user and sign-out, the section
 * navigation (users and API keys only for admins), the page, the session provider.
 */
import { Link, NavLink, Outlet } from 'react-router-dom';
import { api, call } from '../api/index.js';
import { SkipLink } from '../shared/page.js';
import { useSignOut } from '../shared/useSignOut.js';
import { adminSections } from './sections.js';
import { StaffSessionProvider, useStaffSession } from './session.js';
import './admin.css';

export function AdminLayout() {
  return (
    <StaffSessionProvider>
      <div className="app app-admin">
        <SkipLink />
        <AdminHeader />
        <AdminBody />
      </div>
    </StaffSessionProvider>
  );
}

function AdminBody() {
  const { status, session } = useStaffSession();
  if (status !== 'signed-in' || !session) return <Outlet />;
  const sections = adminSections.filter((s) => !s.adminOnly || session.user.role === 'admin');
  return (
    <div className="admin-frame">
      <nav className="admin-nav" aria-label="Sections">
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <NavLink to={s.path} end={s.path === '/admin'}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}

function AdminHeader() {
  const { status, session, signedOut } = useStaffSession();
  const { signOut, leaving } = useSignOut(() => call(api.staffApi.POST('/auth/logout')), signedOut, '/admin/sign-in');

  return (
    <header className="app-header app-header-admin">
      <div className="app-header-inner">
        <Link to="/admin" className="app-name">
          Waybill admin
        </Link>
        {status === 'signed-in' && session ? (
          <nav aria-label="Account">
            <ul className="nav-list">
              <li className="nav-who" data-testid="signed-in-as" aria-label={`Signed in as ${session.user.name}, ${session.user.role}`}>
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
