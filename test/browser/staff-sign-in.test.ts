/**
 * Staff in a real browser: a user made the way `waybill users create` makes one is sent from the
 * dashboard to /admin/sign-in, is refused a wrong password, signs in, lands on the dashboard with
 * their role shown, and signs out; the sign-in page also fits a 375 px wide phone.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createStaffUser } from '../../src/accounts/index.js';
import { STAFF_PASSWORD } from '../support/sessions.js';
import { browserSuite, checkPage, describeBrowser, eventually, expectNoSidewaysScroll, MOBILE_VIEWPORT } from './support/browser.js';

describeBrowser('the admin sign-in', () => {
  const suite = browserSuite();

  /** The sign-in page's <main>, once it is shown. */
  async function signInPage(page: Page) {
    await page.getByRole('heading', { level: 1, name: 'Staff sign-in' }).waitFor();
    return page.getByRole('main');
  }

  async function signIn(page: Page, email: string, password: string) {
    const form = await signInPage(page);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }

  it('signs a staff member in from the dashboard link, shows who and with what role, and signs out', async () => {
    const email = 'mary@shop.example';
    await createStaffUser(suite.server.deps.db, suite.server.deps, { email, role: 'operator', password: STAFF_PASSWORD });

    const page = await suite.newPage({ expectHttpErrors: [{ status: 401, url: '/auth/login' }], passThrough: ['/admin'] });
    await page.goto(suite.url('/admin'));
    await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin$/);
    await signInPage(page);
    expect(await page.title()).toBe('Staff sign-in · Waybill admin');
    await checkPage(page, 'admin-sign-in');

    await signIn(page, email, 'not the password');
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await checkPage(page, 'admin-sign-in-refused');

    await signIn(page, email, STAFF_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/admin');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await eventually(() => page.getByTestId('dashboard-welcome').textContent()).toBe(`Signed in as ${email} (operator).`);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('operator');
    await checkPage(page, 'admin-dashboard');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/sign-in');
    expect(new URL(page.url()).search, 'signed out by choice: no way back to the dashboard').toBe('');
    await signInPage(page);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    // Signed out for the server too: the dashboard sends the browser back to sign in.
    await page.goto(suite.url('/admin'));
    await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin$/);
    await checkPage(page, 'admin-sign-in-after-sign-out');
  });

  it('fits the sign-in page and the dashboard on a 375 px wide phone', async () => {
    const email = 'ida@shop.example';
    await createStaffUser(suite.server.deps.db, suite.server.deps, { email, role: 'admin', password: STAFF_PASSWORD });
    const page = await suite.newPage({ viewport: MOBILE_VIEWPORT });
    await page.goto(suite.url('/admin/sign-in'));
    await signInPage(page);
    await expectNoSidewaysScroll(page, 'the staff sign-in');
    await checkPage(page, '375px-admin-sign-in');
    await signIn(page, email, STAFF_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expectNoSidewaysScroll(page, 'the dashboard');
    await checkPage(page, '375px-admin-dashboard');
  });
});
