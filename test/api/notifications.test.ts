/**
 * Notifications end to end, over real sockets: the customer's email goes over SMTP to a real SMTP
 * server inside the test, SMS to a local server speaking Twilio's API; one message per stage (order
 * confirmation, shipped, out for delivery, delivered), each once, with stable Message-IDs; SMS waits
 * for the end of the quiet hours in the shipping address's time zone; SMTP failures retry with
 * backoff, a permanent refusal is a dead letter replayed by hand; preferences decide who hears what;
 * without SMTP and Twilio every message lands in the dev outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { latestMessage, registerCustomer } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

const seattle = { name: 'Ada Lovelace', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };

async function shop(server: TestServer) {
  await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
  await createProduct(server.admin, 'MUG', { name: 'Enamel mug', unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
  await addStock(server.admin, 'MUG', 'DAL', 100);
}

async function place(server: TestServer, email: string, phone = '+12065550123') {
  const res = await server.operator.post('/api/v1/orders', { ...orderBody([{ sku: 'MUG', quantity: 2 }]), customer: { email, name: 'Ada Lovelace', phone }, shipping_address: seattle });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function travel(server: TestServer, ms: number, step = 20_000) {
  for (let t = 0; t < ms; t += step) {
    server.clock.advance(step);
    await drainJobs(server);
  }
}

const notificationsOf = async (server: TestServer, orderId: string) => (await server.viewer.get(`/api/v1/notifications?order_id=${orderId}&limit=200`)).body.data as any[];

describe.each(testDialects())('notifications on %s', (dialect) => {
  describe('over SMTP and Twilio', () => {
    let server: TestServer;
    let smtp: SmtpCapture;
    let twilio: FakeTwilio;

    beforeAll(async () => {
      smtp = await startSmtpCapture();
      twilio = await startFakeTwilio();
      server = await startTestServer(dialect, {
        ...UNEVENTFUL_SIM,
        SMTP_URL: smtp.url,
        WAYBILL_MAIL_FROM: 'Waybill Demo Shop <shop@shop.example>',
        WAYBILL_TWILIO_ACCOUNT_SID: twilio.accountSid,
        WAYBILL_TWILIO_AUTH_TOKEN: twilio.authToken,
        WAYBILL_TWILIO_FROM: '+15125550100',
        WAYBILL_TWILIO_BASE_URL: twilio.url,
        WAYBILL_SHOP_LOGO_URL: 'https://shop.example/logo.png',
      });
      await shop(server);
    });
    afterAll(async () => {
      await server?.close();
      await smtp?.close();
      await twilio?.close();
    });

    it('emails every stage once, with links, and texts an opted-in customer after the quiet hours', async () => {
      const first = await place(server, 'ada@example.com');
      const customer = first.customer.id;
      const prefs = await server.operator.put(`/api/v1/customers/${customer}/preferences`, { sms: { shipped: true, delivered: true } });
      expect(prefs.status, prefs.text).toBe(200);
      expect(prefs.body.sms).toMatchObject({ shipped: true, delivered: true, order_confirmation: false });
      expect(prefs.body.email.order_confirmation).toBe(true);

      const order = await place(server, 'ada@example.com');
      await travel(server, 6 * 60_000);
      const current = (await server.viewer.get(`/api/v1/orders/${order.id}`)).body;
      expect(current.status).toBe('delivered');

      const notes = await notificationsOf(server, order.id);
      const emails = notes.filter((n) => n.channel === 'email').map((n) => n.template).sort();
      expect(emails).toEqual(['delivered', 'order_confirmation', 'out_for_delivery', 'shipped']);
      for (const n of notes.filter((n) => n.channel === 'email')) expect(n).toMatchObject({ status: 'sent', transport: 'smtp', to: 'ada@example.com', sent_at: expect.any(String) });

      const mails = smtp.messages.filter((m) => m.subject?.includes(order.number));
      expect(mails).toHaveLength(4);
      const byId = new Map(notes.map((n) => [n.message_id, n]));
      for (const mail of mails) {
        const n = byId.get(mail.messageId!);
        expect(n, `Message-ID ${mail.messageId}`).toBeDefined();
        expect(mail.envelope.to).toEqual(['ada@example.com']);
        expect(mail.text).toBeTruthy();
        expect(mail.html).toContain('https://shop.example/logo.png');
      }
      const confirmation = mails.find((m) => byId.get(m.messageId!)!.template === 'order_confirmation')!;
      expect(confirmation.text).toContain(`/track/${current.tracking_token}`);
      expect(confirmation.text).toContain('Enamel mug');
      expect(confirmation.html).toContain('$39.98');
      const shipped = mails.find((m) => byId.get(m.messageId!)!.template === 'shipped')!;
      expect(shipped.text).toContain(current.shipments[0].tracking_number);
      expect(shipped.text).toContain(current.shipments[0].tracking_url);

      // SMS: opted in for shipped and delivered only; 10:00Z is 02:00 in Seattle, so they waited.
      const texts = notes.filter((n) => n.channel === 'sms');
      expect(texts.map((n) => n.template).sort()).toEqual(['delivered', 'shipped']);
      expect(texts.every((n) => n.status === 'waiting' && n.send_after === '2026-11-22T16:00:00.000Z')).toBe(true);
      expect(twilio.messages).toHaveLength(0);
      server.clock.set('2026-11-22T16:00:01.000Z');
      await drainJobs(server);
      // Both orders' texts (the first order shipped after the customer opted in too).
      expect(twilio.messages.map((m) => m.to)).toEqual(['+12065550123', '+12065550123', '+12065550123', '+12065550123']);
      expect(twilio.messages.filter((m) => m.body.includes(order.number))).toHaveLength(2);
      expect(twilio.messages.every((m) => m.from === '+15125550100' && m.body.length <= 320)).toBe(true);
      const sent = (await notificationsOf(server, order.id)).filter((n) => n.channel === 'sms');
      expect(sent.every((n) => n.status === 'sent')).toBe(true);

      // Nothing twice: running everything again sends nothing more.
      const before = smtp.messages.length;
      await travel(server, 60_000);
      expect(smtp.messages.length).toBe(before);
    });

    it('retries when the SMTP server fails for a while, and a permanent refusal is a dead letter replayed by hand', async () => {
      smtp.failNext(2, 451);
      const order = await place(server, 'grace@example.com', '+12065550124');
      await drainJobs(server);
      let confirmation = (await notificationsOf(server, order.id)).find((n) => n.template === 'order_confirmation');
      expect(confirmation).toMatchObject({ status: 'failed', attempts: 1 });
      await travel(server, 5_000, 1_000);
      confirmation = (await notificationsOf(server, order.id)).find((n) => n.template === 'order_confirmation');
      expect(confirmation).toMatchObject({ status: 'sent', attempts: 3 });
      expect(smtp.messages.filter((m) => m.messageId === confirmation.message_id)).toHaveLength(1);

      smtp.inject({ stage: 'rcpt', code: 550, count: 1, to: 'nobody@example.com' });
      const bounced = await place(server, 'nobody@example.com', '+12065550125');
      await drainJobs(server);
      const dead = (await notificationsOf(server, bounced.id)).find((n) => n.template === 'order_confirmation');
      expect(dead).toMatchObject({ status: 'dead', last_error: expect.stringContaining('550') });
      const detail = await server.viewer.get(`/api/v1/notifications/${dead.id}`);
      expect(detail.body.text).toContain(bounced.number);
      expectProblem(await server.operator.post(`/api/v1/notifications/${confirmation.id}/retry`), 409, 'conflict');
      const replay = await server.operator.post(`/api/v1/notifications/${dead.id}/retry`);
      expect(replay.status, replay.text).toBe(200);
      await drainJobs(server);
      const again = (await server.viewer.get(`/api/v1/notifications/${dead.id}`)).body;
      expect(again).toMatchObject({ status: 'sent', attempts: 2 });
      expect(smtp.messages.filter((m) => m.messageId === dead.message_id)).toHaveLength(1);
    });

    it('answers bad preference requests with problems', async () => {
      const order = await place(server, 'linus@example.com');
      const path = `/api/v1/customers/${order.customer.id}/preferences`;
      const defaults = await server.viewer.get(path);
      expect(defaults.body.email.delivered).toBe(true);
      expect(defaults.body.sms.delivered).toBe(false);
      expectProblem(await server.operator.put(path, { sms: { teleported: true } }), 422, 'validation_failed');
      expectProblem(await server.operator.put(path, { pigeon: { shipped: true } }), 422, 'validation_failed');
      expectProblem(await server.operator.put(path, { email: { shipped: 'yes' } }), 422, 'validation_failed');
      expectProblem(await server.operator.put(path, {}), 422, 'validation_failed');
      expectProblem(await server.viewer.put(path, { email: { shipped: false } }), 403, 'forbidden');
      expectProblem(await server.viewer.get('/api/v1/customers/cus_missing/preferences'), 404, 'not_found');
      const off = await server.operator.put(path, { email: { shipped: false } });
      expect(off.body.email).toMatchObject({ shipped: false, delivered: true });
      expectProblem(await server.viewer.get('/api/v1/notifications?status=lost'), 422, 'validation_failed');
      expectProblem(await server.viewer.get('/api/v1/notifications/ntf_missing'), 404, 'not_found');
    });
  });

  describe('without SMTP or Twilio', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dialect, { ...UNEVENTFUL_SIM });
      await shop(server);
    });
    afterAll(async () => server?.close());

    it('keeps every message in the dev outbox, listed with its content', async () => {
      const order = await place(server, 'ada@example.com');
      await drainJobs(server);
      const [note] = await notificationsOf(server, order.id);
      expect(note).toMatchObject({ channel: 'email', template: 'order_confirmation', transport: 'outbox', status: 'outbox', to: 'ada@example.com' });
      const detail = (await server.viewer.get(`/api/v1/notifications/${note.id}`)).body;
      expect(detail.subject).toContain(order.number);
      expect(detail.text).toContain(order.number);
      expect(detail.html).toContain('<');
    });

    it('shows account emails (live sign-in links) to admins only', async () => {
      await registerCustomer(server, 'new.customer@example.com', { verify: false });
      const message = await latestMessage(server, 'new.customer@example.com', 'account_verify_email');
      expect(message?.text).toMatch(/token=/);
      const asViewer = await server.viewer.get(`/api/v1/notifications/${message!.id}`);
      expect(asViewer.status).toBe(200);
      expect(asViewer.body.text).not.toMatch(/token=/);
      expect(asViewer.body.html).toBeNull();
    });
  });
});
