/**
 * A customer in a real browser: registers on /account/register, is asked to verify their email,
 * follows the link the server mailed (the dev outbox, read through the notifications API), then
 * sees the order that was placed with that email through the API, signs out, is refused a wrong
 * password and signs in again on /account/sign-in. The sign-in pages also fit a 375 px wide phone.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { CUSTOMER_PASSWORD, latestMessage } from '../support/sessions.js';
import { browserSuite, checkPage, describeBrowser, eventually, expectNoSidewaysScroll, MOBILE_VIEWPORT } from './support/browser.js';

describeBrowser('the customer portal', () => {
  const suite = browserSuite();

  beforeAll(async () => {
    const api = suite.server.admin;
    await createWarehouse(api, 'AUS', 'Austin', 'TX');
    await createProduct(api, 'TEA', { unit_price: 1250 });
    await addStock(api, 'TEA', 'AUS', 20);
  });

  /** The verification link of the newest message to `email`, as the customer would click it. */
  async function verificationLink(email: string): Promise<string> {
    const message = await latestMessage(suite.server, email, 'account_verify_email');
    expect(message, `no verification email to ${email}`).not.toBeNull();
    const link = /(https?:\/\/\S+\/account\/verify-email#token=[A-Za-z0-9_-]+)/.exec(message!.text)?.[1];
    expect(link, message!.text).toBeDefined();
    expect(new URL(link!).origin, 'the link leads to this server').toBe(new URL(suite.server.url).origin);
    return link!;
  }

  /** The page's <main> once its h1 says `title`. */
  async function mainOf(page: Page, title: string) {
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    return page.getByRole('main');
  }

  async function fillSignIn(page: Page, email: string, password: string) {
    const form = await mainOf(page, 'Sign in');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }

  it('registers, verifies the email from the link, sees the order placed with it, signs out and in again', async () => {
    const email = 'grace@example.com';
    const placed = await suite.server.operator.post('/api/v1/orders', orderBody([{ sku: 'TEA', quantity: 2 }], { customer: { email, name: 'Grace Hopper', phone: null } }));
    expect(placed.status, placed.text).toBe(201);
    const number = placed.body.number as string;

    // The sign-in page answers a wrong password with a 401, which Chromium logs.
    const page = await suite.newPage({ expectHttpErrors: [{ status: 401, url: '/portal/auth/login' }], passThrough: ['/account'] });
    await page.goto(suite.url('/account/register'));
    const register = await mainOf(page, 'Create an account');
    await checkPage(page, 'account-register');
    await register.getByLabel('Name').fill('Grace Hopper');
    await register.getByLabel('Email').fill(email);
    await register.getByLabel('Password').fill(CUSTOMER_PASSWORD);
    await register.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL('**/account/orders');
    await page.getByRole('heading', { name: 'Welcome! One more step' }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Grace Hopper');
    // Unverified: the order placed with the email is not shown yet.
    expect(await page.getByRole('link', { name: `Track order ${number}` }).count()).toBe(0);
    await checkPage(page, 'account-orders-unverified');

    await page.goto(await verificationLink(email));
    await page.getByText(`${email} is verified`).waitFor();
    expect(new URL(page.url()).hash, 'the token leaves the address bar').toBe('');
    await checkPage(page, 'account-verify-email');

    await page.getByRole('link', { name: 'See your orders' }).click();
    await page.waitForURL('**/account/orders');
    const track = page.getByRole('link', { name: `Track order ${number}` });
    await track.waitFor();
    expect(await page.getByRole('heading', { name: 'Verify your email' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: `Order ${number}` }).count()).toBe(1);
    expect(await track.getAttribute('href')).toMatch(new RegExp(`/track/${placed.body.tracking_token}$`));
    await checkPage(page, 'account-orders');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/account/sign-in');
    expect(new URL(page.url()).search, 'signed out by choice: no way back to the orders').toBe('');
    await mainOf(page, 'Sign in');
    await checkPage(page, 'account-sign-in');

    await fillSignIn(page, email, 'not the password at all');
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/sign-in');
    await checkPage(page, 'account-sign-in-refused');

    await fillSignIn(page, email, CUSTOMER_PASSWORD);
    await page.waitForURL('**/account/orders');
    await track.waitFor();
    await eventually(() => page.getByTestId('signed-in-as').textContent()).toBe('Grace Hopper');
    await checkPage(page, 'account-orders-signed-in-again');

    // The session survives a reload (the cookie, and the hint that makes the page ask for it).
    await page.reload();
    await track.waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Grace Hopper');
  });

  it('sends a signed-out visitor of the orders page to sign in, and back there afterwards', async () => {
    const email = 'katherine@example.com';
    const registered = await suite.server.anonymous.post('/portal/auth/register', { email, password: CUSTOMER_PASSWORD, name: 'Katherine Johnson' });
    expect(registered.status, registered.text).toBe(201);
    const page = await suite.newPage({ passThrough: ['/account/orders'] });
    await page.goto(suite.url('/account/orders'));
    await page.waitForURL(/\/account\/sign-in\?next=%2Faccount%2Forders$/);
    await mainOf(page, 'Sign in');
    await checkPage(page, 'account-sign-in-next');
    await fillSignIn(page, email, CUSTOMER_PASSWORD);
    await page.waitForURL('**/account/orders');
    await page.getByRole('heading', { name: 'Verify your email' }).waitFor();
    await checkPage(page, 'account-orders-unverified-return');
  });

  it('fits every sign-in page on a 375 px wide phone', async () => {
    const pages = [
      ['/account/register', 'Create an account'],
      ['/account/sign-in', 'Sign in'],
      ['/account/magic-link', 'Sign in with an email link'],
      ['/account/forgot-password', undefined],
      ['/account/no-such-page', 'Page not found'],
    ] as const;
    const page = await suite.newPage({ viewport: MOBILE_VIEWPORT });
    for (const [path, heading] of pages) {
      await page.goto(suite.url(path));
      const h1 = page.getByRole('heading', { level: 1 });
      await h1.waitFor();
      if (heading) expect(await h1.textContent(), path).toBe(heading);
      await expectNoSidewaysScroll(page, path);
      await checkPage(page, `375px${path.replaceAll('/', '-')}`);
    }
  });
});
