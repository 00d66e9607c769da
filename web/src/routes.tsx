/**
 * Every page of the web app and its path. The server answers index.html for /track/*, /account/*
 * and /admin/* (src/platform/http/web-app.routes.ts), and React Router picks the page here.
 * /portal/* and /api/* are the JSON API: no page lives there.
 */
import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router-dom';
import { ApiKeysPage } from './admin/access/ApiKeysPage.js';
import { UsersPage } from './admin/access/UsersPage.js';
import { ExceptionsPage } from './admin/ExceptionsPage.js';
import { InventoryPage } from './admin/inventory/InventoryPage.js';
import { JobsPage } from './admin/operations/JobsPage.js';
import { NotificationsPage } from './admin/operations/NotificationsPage.js';
import { WebhooksPage } from './admin/operations/WebhooksPage.js';
import { AdminOrderDetailPage } from './admin/orders/OrderDetailPage.js';
import { OrdersListPage } from './admin/orders/OrdersListPage.js';
import { PurchaseOrderDetailPage } from './admin/replenishment/PurchaseOrderDetailPage.js';
import { PurchaseOrdersPage } from './admin/replenishment/PurchaseOrdersPage.js';
import { SuppliersPage } from './admin/replenishment/SuppliersPage.js';
import { ReturnDetailPage } from './admin/returns/ReturnDetailPage.js';
import { ReturnsQueuePage } from './admin/returns/ReturnsQueuePage.js';
import { ShipmentsPage } from './admin/shipments/ShipmentsPage.js';
import { OrderDetailPage } from './portal/OrderDetailPage.js';
import { PreferencesPage } from './portal/PreferencesPage.js';
import { ReturnRequestPage } from './portal/ReturnRequestPage.js';
import { ReturnsPage } from './portal/ReturnsPage.js';
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
      {
        element: <CustomerOnly />,
        children: [
          { path: 'orders', element: <OrdersPage /> },
          { path: 'orders/:id', element: <OrderDetailPage /> },
          { path: 'orders/:id/return', element: <ReturnRequestPage /> },
          { path: 'returns', element: <ReturnsPage /> },
          { path: 'preferences', element: <PreferencesPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    path: '/admin',
    element: <AdminLayout />,
    errorElement: <RouteError />,
    children: [
      { path: 'sign-in', element: <StaffSignInPage /> },
      {
        element: <StaffOnly />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'exceptions', element: <ExceptionsPage /> },
          { path: 'orders', element: <OrdersListPage /> },
          { path: 'orders/:id', element: <AdminOrderDetailPage /> },
          { path: 'returns', element: <ReturnsQueuePage /> },
          { path: 'returns/:id', element: <ReturnDetailPage /> },
          { path: 'shipments', element: <ShipmentsPage /> },
          { path: 'inventory', element: <InventoryPage /> },
          { path: 'suppliers', element: <SuppliersPage /> },
          { path: 'purchase-orders', element: <PurchaseOrdersPage /> },
          { path: 'purchase-orders/:id', element: <PurchaseOrderDetailPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'jobs', element: <JobsPage /> },
          { path: 'webhooks', element: <WebhooksPage /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'api-keys', element: <ApiKeysPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage home="/admin" homeLabel="Go to the dashboard" /> },
    ],
  },
  { path: '*', element: <NotFoundPage standalone /> },
];

export const router = createBrowserRouter(routes);
