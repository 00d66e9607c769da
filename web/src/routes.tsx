/**
 * Every page of the web app and its path. The server answers index.html for /track/*, /account/*
 * and /admin/* (src/platform/http/web-app.routes.ts), and React Router picks the page here.
 * /portal/* and /api/* are the JSON API: no page lives there.
 */
import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router-dom';
import { AdminLayout } from './admin/AdminLayout.js';
import { DashboardPage } from './admin/DashboardPage.js';
import { useStaffSession } from './admin/session.js';
import { StaffSignInPage } from './admin/StaffSignInPage.js';
import { AccountHome } from './portal/AccountHome.js';
import { ForgotPasswordPage } from './portal/ForgotPasswordPage.js';
import { MagicLinkPage } from './portal/MagicLinkPage.js';
import { MagicLinkRequestPage } from './portal/MagicLinkRequestPage.js';
import { OrdersPage } from './portal/OrdersPage.js';
import { PortalLayout } from './portal/PortalLayout.js';
import { RegisterPage } from './portal/RegisterPage.js';
import { ResetPasswordPage } from './portal/ResetPasswordPage.js';
import { usePortalSession } from './portal/session.js';
import { SignInPage } from './portal/SignInPage.js';
import { VerifyEmailPage } from './portal/VerifyEmailPage.js';
import { NotFoundPage } from './shared/page.js';
import { RequireSession } from './shared/RequireSession.js';
import { RouteError } from './shared/RouteError.js';
import { TrackPage } from './track/TrackPage.js';

function CustomerOnly() {
  const { status, leftByChoice } = usePortalSession();
  return (
    <RequireSession status={status} leftByChoice={leftByChoice} signInPath="/account/sign-in">
      <Outlet />
    </RequireSession>
  );
}

function StaffOnly() {
  const { status, leftByChoice } = useStaffSession();
  return (
    <RequireSession status={status} leftByChoice={leftByChoice} signInPath="/admin/sign-in">
      <Outlet />
    </RequireSession>
  );
}

export const routes: RouteObject[] = [
  { path: '/', element: <Navigate replace to="/account" /> },
  { path: '/track/:token', element: <TrackPage />, errorElement: <RouteError /> },
  {
    path: '/account',
    element: <PortalLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <AccountHome /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'magic-link', element: <MagicLinkRequestPage /> },
      { path: 'sign-in/link', element: <MagicLinkPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { element: <CustomerOnly />, children: [{ path: 'orders', element: <OrdersPage /> }] },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    path: '/admin',
    element: <AdminLayout />,
    errorElement: <RouteError />,
    children: [
      { path: 'sign-in', element: <StaffSignInPage /> },
      { element: <StaffOnly />, children: [{ index: true, element: <DashboardPage /> }] },
      { path: '*', element: <NotFoundPage home="/admin" homeLabel="Go to the dashboard" /> },
    ],
  },
  { path: '*', element: <NotFoundPage standalone /> },
];

export const router = createBrowserRouter(routes);
