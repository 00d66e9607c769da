/**
 * A full run through every path that handles a secret, against a real `waybill serve` process:
 * staff and customer sign-ins (passwords, session cookies, CSRF tokens, the device cookie), email
 * verification, magic links and a password reset (their tokens), API keys made and revoked,
 * an outbound webhook endpoint (its secret), orders paid through Stripe (the secret key, signed
 * webhooks), the sim's signed carrier webhooks, UPS (OAuth client secret, Track Alert credential),
 * DHL pushes (their token), SMS through Twilio (its token), mail over SMTP with a password — and the
 * failures: wrong passwords, guessed keys, forged signatures, malformed bodies with a password in
 * them. It returns every secret value it used or was handed, by name, for the caller to look for in
 * the server's logs.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { FakeStripe } from '../support/fake-stripe.js';
import { sendWebhook, stripeEvent } from '../support/fake-stripe.js';
import type { FakeTwilio } from '../support/fake-twilio.js';
import type { FakeUps } from '../support/fake-ups/index.js';
import { Client, type Answer } from '../support/http.js';
import { cookieFrom, tokenInText } from '../support/sessions.js';
import type { SmtpCapture } from '../support/smtp-capture.js';

export interface RunServices {
  url: string;
  adminKey: string;
  stripe: FakeStripe;
  stripeWebhookSecret: string;
  smtp: SmtpCapture;
  twilio: FakeTwilio;
  ups: FakeUps;
  dhlWebhookSecret: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function ok(res: Answer, what: string): any {
  expect(res.status, `${what}: ${res.text}`).toBeGreaterThanOrEqual(200);
  expect(res.status, `${what}: ${res.text}`).toBeLessThan(300);
  return res.body;
}

function valueOf(cookie: string | null, what: string): string {
  if (cookie === null) throw new Error(`${what}: no cookie`);
  return cookie.slice(cookie.indexOf('=') + 1);
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== null && found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The token of the newest captured mail to `to` whose text has a link with `#token=`, after `seen` mails. */
async function mailedToken(smtp: SmtpCapture, to: string, seen: number): Promise<string> {
  const mail = await until(`a mail with a link to ${to}`, async () => smtp.messages.slice(seen).find((m) => m.to.includes(to) && /[#?&]token=/.test(m.text ?? '')));
  return tokenInText(mail.text!);
}

export async function runThroughSecrets(services: RunServices): Promise<Record<string, string>> {
  const { url, smtp, stripe } = services;
  const admin = new Client(url, services.adminKey);
  const anonymous = new Client(url, null);
  const secrets: Record<string, string> = {};
  const keep = (name: string, value: string) => {
    secrets[name] = value;
    return value;
  };

  // The shop, and keys made through the API (shown once) and revoked.
  ok(await admin.post('/api/v1/warehouses', { code: 'LOG', name: 'Log warehouse', address: { line1: '1 Dock Rd', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' } }), 'warehouse');
  ok(await admin.post('/api/v1/products', { sku: 'LOG-MUG', name: 'Mug', unit_price: 1500, currency: 'USD', weight_grams: 400, length_mm: 120, width_mm: 90, height_mm: 100 }), 'product');
  ok(await admin.post('/api/v1/inventory/adjustments', { sku: 'LOG-MUG', warehouse: 'LOG', delta: 50, reason: 'stock' }), 'stock');
  const operatorKey = keep('operator API key', ok(await admin.post('/api/v1/api-keys', { role: 'operator', name: 'logs' }), 'api key').key);
  keep('operator API key hash', sha256(operatorKey));
  const revoked = ok(await admin.post('/api/v1/api-keys', { role: 'viewer', name: 'to revoke' }), 'api key');
  keep('revoked API key', revoked.key);
  ok(await admin.request('DELETE', `/api/v1/api-keys/${revoked.id}`), 'revoke');
  expect((await new Client(url, revoked.key).get('/api/v1/orders')).status).toBe(401);
  expect((await new Client(url, keep('guessed API key', 'wb_GuessedGuessedGuessedGuessed12345')).get('/api/v1/orders')).status).toBe(401);
  const operator = new Client(url, operatorKey);

  // An outbound webhook endpoint: its secret, on creation and when read again.
  const endpoint = ok(await admin.post('/api/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/hooks', events: ['order.*'] }), 'endpoint');
  keep('webhook endpoint secret', endpoint.secret);
  ok(await admin.get(`/api/v1/webhook-endpoints/${endpoint.id}/secret`), 'endpoint secret');

  // A staff user: sign-in, a write with the CSRF token, a wrong password, a password change, sign-out.
  const staffPassword = keep('staff password', 'lantern ledger harbour 7731');
  ok(await admin.post('/api/v1/users', { email: 'logs-staff@shop.example', role: 'operator', password: staffPassword }), 'staff user');
  expect((await anonymous.post('/auth/login', { email: 'logs-staff@shop.example', password: keep('wrong staff password', 'not the lantern 0042') })).status).toBe(401);
  const staffLogin = await anonymous.post('/auth/login', { email: 'logs-staff@shop.example', password: staffPassword });
  ok(staffLogin, 'staff login');
  const staffCookie = keep('staff session cookie', valueOf(cookieFrom(staffLogin, 'wb_staff_session'), 'staff login'));
  keep('staff session id (hash)', sha256(staffCookie));
  keep('staff device cookie', valueOf(cookieFrom(staffLogin, 'wb_device'), 'staff login device'));
  const staffCsrf = keep('staff CSRF token', staffLogin.body.csrf_token);
  const staffHeaders = { cookie: `wb_staff_session=${staffCookie}`, 'x-csrf-token': staffCsrf };
  ok(await anonymous.post('/api/v1/inventory/adjustments', { sku: 'LOG-MUG', warehouse: 'LOG', delta: 1, reason: 'count' }, { headers: staffHeaders }), 'staff write');
  expect((await anonymous.post('/api/v1/inventory/adjustments', { sku: 'LOG-MUG', warehouse: 'LOG', delta: 1, reason: 'x' }, { headers: { cookie: staffHeaders.cookie, 'x-csrf-token': 'forged' } })).status).toBe(403);
  const newStaffPassword = keep('new staff password', 'harbour ledger lantern 8842');
  const changed = await anonymous.post('/auth/password', { current_password: staffPassword, new_password: newStaffPassword }, { headers: staffHeaders });
  ok(changed, 'staff password change');
  const staffCookie2 = keep('staff session cookie after the change', valueOf(cookieFrom(changed, 'wb_staff_session'), 'password change'));
  ok(await anonymous.post('/auth/logout', undefined, { headers: { cookie: `wb_staff_session=${staffCookie2}`, 'x-csrf-token': keep('staff CSRF token after the change', changed.body.csrf_token) } }), 'staff logout');

  // A customer: registration, verification link, sign-in by magic link, password reset, wrong passwords.
  const email = 'logs-customer@example.com';
  const password = keep('customer password', 'a quiet orchard at noon 51');
  let mails = smtp.messages.length;
  const registered = await anonymous.post('/portal/auth/register', { email, password, name: 'Logs Customer' });
  ok(registered, 'register');
  keep('customer session cookie', valueOf(cookieFrom(registered, 'wb_session'), 'register'));
  keep('customer CSRF token', registered.body.csrf_token);
  const verifyToken = keep('email verification token', await mailedToken(smtp, email, mails));
  ok(await anonymous.post('/portal/auth/verify-email', { token: verifyToken }), 'verify');
  mails = smtp.messages.length;
  ok(await anonymous.post('/portal/auth/magic-link', { email }), 'magic link');
  const magicToken = keep('magic link token', await mailedToken(smtp, email, mails));
  const byLink = await anonymous.post('/portal/auth/magic-link/verify', { token: magicToken });
  ok(byLink, 'magic link sign-in');
  keep('customer session cookie (magic link)', valueOf(cookieFrom(byLink, 'wb_session'), 'magic link'));
  expect((await anonymous.post('/portal/auth/magic-link/verify', { token: magicToken })).status).toBe(401);
  mails = smtp.messages.length;
  ok(await anonymous.post('/portal/auth/password-reset', { email }), 'reset request');
  const resetToken = keep('password reset token', await mailedToken(smtp, email, mails));
  const newPassword = keep('new customer password', 'a loud orchard at dusk 62');
  ok(await anonymous.post('/portal/auth/password-reset/confirm', { token: resetToken, password: newPassword }), 'reset');
  expect((await anonymous.post('/portal/auth/login', { email, password: keep('wrong customer password', 'an orchard never seen 73') })).status).toBe(401);
  const signedIn = await anonymous.post('/portal/auth/login', { email, password: newPassword });
  ok(signedIn, 'customer login');
  const customerCookie = keep('customer session cookie (password)', valueOf(cookieFrom(signedIn, 'wb_session'), 'login'));
  keep('customer session id (hash)', sha256(customerCookie));
  // Malformed bodies and bad input that carry a password.
  const malformed = keep('password in a malformed body', 'orchard malformed 84');
  expect((await anonymous.request('POST', '/portal/auth/login', { raw: `{"email":"${email}","password":"${malformed}"`, headers: { 'content-type': 'application/json' } })).status).toBe(400);
  expect((await anonymous.post('/portal/auth/register', { email: 'not an email', password: keep('password in a refused registration', 'orchard refused 95'), name: 'x' })).status).toBe(422);

  // Orders paid through Stripe; Stripe's webhooks signed with the endpoint secret, and a forged one.
  stripe.setWebhook({ url: `${url}/webhooks/payments/stripe`, secret: services.stripeWebhookSecret });
  const order = ok(
    await operator.post('/api/v1/orders', {
      customer: { email, name: 'Logs Customer', phone: '+15125550123' },
      shipping_address: { name: 'Logs Customer', line1: '1 Congress Ave', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' },
      lines: [{ sku: 'LOG-MUG', quantity: 1 }],
      currency: 'USD',
      shipping: { strategy: 'cheapest' },
      payment: { provider: 'stripe', token: 'pm_card_visa' },
    }),
    'order',
  );
  keep('tracking token', order.tracking_token);
  ok(await operator.put(`/api/v1/customers/${order.customer.id}/preferences`, { sms: { shipped: true, delivered: true, out_for_delivery: true } }), 'sms preferences');
  expect((await operator.post('/api/v1/orders', { customer: { email: 'declined@example.com', name: 'D' }, shipping_address: { name: 'D', line1: '1 Main', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' }, lines: [{ sku: 'LOG-MUG', quantity: 1 }], currency: 'USD', payment: { provider: 'stripe', token: 'pm_card_chargeDeclined' } })).status).toBe(402);
  const forged = await sendWebhook(`${url}/webhooks/payments/stripe`, stripeEvent('payment_intent.succeeded', { id: 'pi_forged' }), 'whsec_not_the_secret_at_all');
  expect(forged.status).toBe(401);
  const signed = await sendWebhook(`${url}/webhooks/payments/stripe`, stripeEvent('payment_intent.created', { id: 'pi_unknown' }), services.stripeWebhookSecret);
  expect(signed.status).toBe(200);
  expect((await anonymous.get(`/api/v1/track/${order.tracking_token}`)).status).toBe(200);
  expect((await anonymous.get(`/track/${order.tracking_token}`)).status).toBeLessThan(600);

  // Carrier webhooks: the sim signs its own (the worker posts them); a forged one; UPS and DHL.
  expect((await anonymous.request('POST', '/webhooks/carriers/sim', { raw: '{"events":[]}', headers: { 'content-type': 'application/json', 'x-sim-signature': 't=1,v1=00' } })).status).toBe(401);
  const alert = services.ups.trackAlert({ trackingNumber: '1Z999AA10123456784', type: 'I', code: 'AR', descriptionCode: '005', description: 'Arrived at Facility', at: '2026-11-22T10:00:00', offset: '-06:00', city: 'Dallas', stateProvince: 'TX', country: 'US' });
  expect((await anonymous.request('POST', '/webhooks/carriers/ups', { raw: alert.body, headers: alert.headers })).status).toBe(200);
  expect((await anonymous.request('POST', '/webhooks/carriers/ups', { raw: alert.body, headers: { ...alert.headers, credential: 'not the credential' } })).status).toBe(401);
  expect((await anonymous.request('POST', '/webhooks/carriers/dhl', { raw: '{"shipments":[]}', headers: { 'content-type': 'application/json', 'dhl-api-key': services.dhlWebhookSecret } })).status).toBeLessThan(500);
  expect((await anonymous.request('POST', '/webhooks/carriers/dhl', { raw: '{}', headers: { 'content-type': 'application/json', 'dhl-api-key': 'not the dhl secret' } })).status).toBe(401);

  // The worker pays, ships and notifies (mail over SMTP with its password, SMS through Twilio).
  await until('the order to ship', async () => {
    const seen = (await admin.get(`/api/v1/orders/${order.id}`)).body;
    return ['shipped', 'in_transit', 'out_for_delivery', 'delivered'].includes(seen.status) ? seen : null;
  });
  await until('an SMS through Twilio', async () => (services.twilio.messages.length > 0 ? true : null));
  await until('a mail about the order', async () => (smtp.messages.some((m) => m.to.includes(email) && !/token=/.test(m.text ?? '')) ? true : null));
  return secrets;
}
