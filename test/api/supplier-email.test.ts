/**
 * A purchase order reaches its supplier by email, once, with its PDF attached: over SMTP to a real
 * SMTP server inside the test (the attachment read back from the MIME message), and without SMTP in
 * the dev outbox, which lists the message with what it attaches. A second send of the same order
 * writes nothing and sends nothing; an attachment no maker knows is a dead letter at once.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueSupplierEmail } from '../../src/notifications/index.js';
import { replenishmentDepsOf } from '../../src/replenishment/index.js';
import { enqueueSupplierEmail } from '../../src/replenishment/supplier-email.js';
import { testDialects } from '../support/databases.js';
import { createProduct, createWarehouse } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { pdfTextLines } from '../support/pdf-text.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';

const SHOP = {
  WAYBILL_SHOP_NAME: 'Maple & Co',
  WAYBILL_SHOP_ADDRESS: '1 Commerce Way\nAustin, TX 78701',
  WAYBILL_SUPPORT_EMAIL: 'buying@maple.example',
  // The run at the reorder point would raise purchase orders of its own; these tests raise them by hand.
  WAYBILL_AUTO_REORDER: 'off',
};

async function catalog(server: TestServer) {
  await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
  await createProduct(server.admin, 'MUG', { name: 'Enamel mug' });
  await createProduct(server.admin, 'PLATE', { name: 'Stoneware plate' });
  const supplier = await server.operator.post('/api/v1/suppliers', { name: 'Kiln Works', email: 'orders@kiln.example', lead_time_days: 14 });
  expect(supplier.status, supplier.text).toBe(201);
  return supplier.body as { id: string };
}

async function raiseAndSend(server: TestServer, supplierId: string) {
  const res = await server.operator.post('/api/v1/purchase-orders', {
    supplier_id: supplierId,
    warehouse: 'DAL',
    lines: [
      { sku: 'MUG', quantity: 40 },
      { sku: 'PLATE', quantity: 12 },
    ],
    note: 'Deliver to dock 4',
    send: true,
  });
  expect(res.status, res.text).toBe(201);
  expect(res.body.status).toBe('sent');
  return res.body as { id: string; number: string; expected_at: string };
}

const supplierMessages = async (server: TestServer) => ((await server.viewer.get('/api/v1/notifications?limit=200')).body.data as any[]).filter((n) => n.template === 'purchase_order');

describe.each(testDialects())('the supplier email on %s', (dialect) => {
  describe('over SMTP', () => {
    let server: TestServer;
    let smtp: SmtpCapture;

    beforeAll(async () => {
      smtp = await startSmtpCapture();
      server = await startTestServer(dialect, { ...SHOP, SMTP_URL: smtp.url, WAYBILL_MAIL_FROM: 'Maple & Co <shop@maple.example>' });
    });
    afterAll(async () => {
      await server?.close();
      await smtp?.close();
    });

    it('emails the supplier once, with the lines in the text and the PDF attached', async () => {
      const supplier = await catalog(server);
      const po = await raiseAndSend(server, supplier.id);

      // Written with the send, in its transaction: listed before any job ran.
      const [queued, ...others] = await supplierMessages(server);
      expect(others).toHaveLength(0);
      expect(queued).toMatchObject({
        channel: 'email',
        template: 'purchase_order',
        transport: 'smtp',
        to: 'orders@kiln.example',
        order_id: null,
        customer_id: null,
        status: 'queued',
        attachment: { kind: 'purchase_order', id: po.id, filename: `${po.number}.pdf` },
      });
      expect(smtp.messages).toHaveLength(0);

      await drainJobs(server);
      const [mail] = await smtp.waitFor(1);
      expect(smtp.messages).toHaveLength(1);
      expect(mail!.envelope.to).toEqual(['orders@kiln.example']);
      expect(mail!.from).toBe('shop@maple.example');
      expect(mail!.subject).toBe(`Purchase order ${po.number} from Maple & Co`);
      expect(mail!.messageId).toBe(queued.message_id);
      // A supplier's answer reaches the shop's people, whatever address the mail left from.
      const parsed = await simpleParser(mail!.raw);
      expect(parsed.replyTo?.value.map((a) => a.address)).toEqual(['buying@maple.example']);

      const text = mail!.text ?? '';
      expect(text).toContain(`Purchase order ${po.number}`);
      expect(text).toContain('Hello Kiln Works,');
      expect(text).toContain('1. MUG - Enamel mug - quantity 40');
      expect(text).toContain('2. PLATE - Stoneware plate - quantity 12');
      expect(text).toContain('Total units: 52');
      expect(text).toContain('Expected by: Sun, Dec 6, 2026');
      expect(text).toContain('Ship to (Dallas warehouse, DAL):');
      expect(text).toContain('1 Dock Rd');
      expect(text).toContain('Note: Deliver to dock 4');
      expect(text).toContain('buying@maple.example');
      expect(mail!.html).toContain('<td style="padding:6px 8px;border-bottom:1px solid #f3f4f6;">Stoneware plate</td>');
      expect(mail!.html).toContain('Maple &amp; Co');

      expect(parsed.attachments).toHaveLength(1);
      const [pdf] = parsed.attachments;
      expect(pdf!.contentType).toBe('application/pdf');
      expect(pdf!.filename).toBe(`${po.number}.pdf`);
      expect(pdf!.content.subarray(0, 5).toString()).toBe('%PDF-');
      const pdfText = pdfTextLines(pdf!.content);
      for (const expected of [`PO no. ${po.number}`, 'Kiln Works', 'orders@kiln.example', 'Dallas warehouse (DAL)', 'MUG', 'Enamel mug', '40', 'PLATE', 'Stoneware plate', '12', 'Maple & Co', 'buying@maple.example']) {
        expect(pdfText, expected).toContain(expected);
      }

      const sent = (await server.viewer.get(`/api/v1/notifications/${queued.id}`)).body;
      expect(sent).toMatchObject({ status: 'sent', attachment: { kind: 'purchase_order', id: po.id }, subject: mail!.subject });
      expect(sent.text).toContain('1. MUG - Enamel mug - quantity 40');
    });

    it('never emails the same purchase order twice', async () => {
      const [po] = (await server.viewer.get('/api/v1/purchase-orders')).body.data as Array<{ id: string }>;
      const deps = replenishmentDepsOf(server.deps);
      // A retried send (the caller's transaction run again) writes nothing and enqueues nothing.
      const again = await server.deps.db.transaction().execute((trx) => enqueueSupplierEmail(trx, deps, po!.id));
      expect(again).toBeNull();
      // Sending again by hand is not a transition a sent order has.
      const resend = await server.operator.post(`/api/v1/purchase-orders/${po!.id}/send`, {});
      expect(resend.status, resend.text).toBe(409);

      await drainJobs(server);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages).toHaveLength(1);
      expect(await supplierMessages(server)).toHaveLength(1);
    });
  });

  describe('without SMTP', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(dialect, SHOP);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('keeps the message in the dev outbox, listed with its attachment', async () => {
      const supplier = await catalog(server);
      const po = await raiseAndSend(server, supplier.id);
      await drainJobs(server);
      const [message, ...others] = await supplierMessages(server);
      expect(others).toHaveLength(0);
      expect(message).toMatchObject({
        status: 'outbox',
        transport: 'outbox',
        to: 'orders@kiln.example',
        subject: `Purchase order ${po.number} from Maple & Co`,
        attachment: { kind: 'purchase_order', id: po.id, filename: `${po.number}.pdf` },
      });
      expect(message.sent_at).not.toBeNull();
    });

    it('dead-letters at once an attachment that no maker makes', async () => {
      const [po] = (await server.viewer.get('/api/v1/purchase-orders')).body.data as Array<{ id: string }>;
      const deps = replenishmentDepsOf(server.deps);
      const context = {
        shop: { name: 'Maple & Co', address_lines: [], supportEmail: 'buying@maple.example' },
        supplier: { name: 'Kiln Works', email: 'orders@kiln.example' },
        purchase_order: { id: po!.id, number: 'PO-X', created_at: '2026-11-22T10:00:00.000Z', sent_at: null, expected_at: null, note: null, total_quantity: 0 },
        lines: [],
        ship_to: { code: 'DAL', name: 'Dallas', address: { name: null, line1: '1 Dock Rd', line2: null, city: 'Dallas', region: 'TX', postal_code: null, country: 'US' } },
      };
      const id = await server.deps.db.transaction().execute((trx) =>
        queueSupplierEmail(trx, deps.supplierEmail, { type: 'purchase_order', dedupeKey: `test:${po!.id}:unknown-attachment`, to: 'orders@kiln.example', context, attachment: { kind: 'spreadsheet', id: po!.id, filename: 'x.xlsx' } }),
      );
      expect(id).not.toBeNull();
      await drainJobs(server);
      const dead = (await server.viewer.get(`/api/v1/notifications/${id}`)).body;
      expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
      expect(dead.last_error).toContain('no document maker for attachments of kind "spreadsheet"');
    });
  });
});
