import { createServer, type AddressInfo, type Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '../../../test/support/smtp-capture.js';
import { ChannelError, type EmailToSend, type EmailTransport } from '../types.js';
import { createSmtpTransport } from './smtp-email.js';

const message = (overrides: Partial<EmailToSend> = {}): EmailToSend => ({
  from: 'Acme Outfitters <orders@acme.example>',
  to: 'ada@example.com',
  subject: 'Your order A-1001 has shipped',
  text: 'Track it: https://track.acme.example/t/tok_abc?o=A-1001&x=1\nUPS: https://www.ups.com/track?tracknum=1Z999AA10123456784',
  html: '<p>Track it: <a href="https://track.acme.example/t/tok_abc?o=A-1001&amp;x=1">tracking page</a></p><p><a href="https://www.ups.com/track?tracknum=1Z999AA10123456784">UPS</a> — naïve café ✓</p>',
  messageId: '<ntf_01JDX4Q0000000000000000001@waybill.test>',
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelError);
    return error as ChannelError;
  }
  throw new Error('expected the send to fail');
}

describe('SMTP email through a real SMTP server', () => {
  let capture: SmtpCapture;
  let transport: EmailTransport;
  beforeAll(async () => {
    capture = await startSmtpCapture({ auth: { user: 'waybill', pass: 's3cret' } });
    transport = createSmtpTransport({ url: capture.url, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await transport.close();
    await capture.close();
  });
  beforeEach(() => capture.reset());

  it('delivers recipients, subject, both parts and links, with the Message-ID exactly as given', async () => {
    const result = await transport.send(message());
    const [mail] = await capture.waitFor(1);
    expect(mail!.envelope).toEqual({ from: 'orders@acme.example', to: ['ada@example.com'] });
    expect(mail!.from).toBe('orders@acme.example');
    expect(mail!.to).toEqual(['ada@example.com']);
    expect(mail!.user).toBe('waybill');
    expect(mail!.subject).toBe('Your order A-1001 has shipped');
    expect(mail!.messageId).toBe('<ntf_01JDX4Q0000000000000000001@waybill.test>');
    expect(mail!.text).toContain('https://track.acme.example/t/tok_abc?o=A-1001&x=1');
    expect(mail!.text).toContain('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(mail!.html).toContain('href="https://track.acme.example/t/tok_abc?o=A-1001&amp;x=1"');
    expect(mail!.html).toContain('naïve café ✓');
    expect(mail!.raw).toMatch(/multipart\/alternative/);
    expect(result.providerId).toBe(mail!.queueId);
  });

  it('attaches documents as MIME parts beside both bodies, with a Reply-To when one is given', async () => {
    const pdf = Buffer.from('%PDF-1.3\n% a document\n%%EOF\n', 'latin1');
    await transport.send(message({ replyTo: 'buying@acme.example', attachments: [{ filename: 'PO-000007.pdf', contentType: 'application/pdf', content: pdf }] }));
    const [mail] = await capture.waitFor(1);
    const parsed = await simpleParser(mail!.raw);
    expect(parsed.replyTo?.value.map((a) => a.address)).toEqual(['buying@acme.example']);
    expect(parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content }))).toEqual([{ filename: 'PO-000007.pdf', contentType: 'application/pdf', content: pdf }]);
    expect(mail!.raw).toMatch(/multipart\/mixed/);
    expect(mail!.text).toContain('https://track.acme.example/t/tok_abc?o=A-1001&x=1');
    expect(mail!.html).toContain('naïve café ✓');
  });

  it('sends no Reply-To and no attachment part when there are none', async () => {
    await transport.send(message());
    const [mail] = await capture.waitFor(1);
    expect(mail!.headers.has('reply-to')).toBe(false);
    expect(mail!.raw).not.toMatch(/multipart\/mixed/);
  });

  it('a resend carries the same Message-ID', async () => {
    await transport.send(message());
    await transport.send(message());
    const mails = await capture.waitFor(2);
    expect(mails.map((m) => m.messageId)).toEqual(['<ntf_01JDX4Q0000000000000000001@waybill.test>', '<ntf_01JDX4Q0000000000000000001@waybill.test>']);
  });

  it('falls back to the configured sender', async () => {
    const withDefault = createSmtpTransport({ url: capture.url, from: 'Shop <shop@acme.example>' });
    try {
      await withDefault.send(message({ from: '' }));
      const [mail] = await capture.waitFor(1);
      expect(mail!.envelope.from).toBe('shop@acme.example');
    } finally {
      await withDefault.close();
    }
  });

  it.each([
    [451, 'data'],
    [421, 'mail'],
    [450, 'rcpt'],
    [452, 'rcpt'],
  ] as const)('a %i reply at %s is retryable', async (code, stage) => {
    // A fresh connection: on a reused one, nodemailer's pool itself re-sends a message of which not a
    // byte went out (the server may have dropped an idle connection), which would hide the error.
    const fresh = createSmtpTransport({ url: capture.url, timeoutMs: 5_000 });
    try {
      capture.failNext(1, code, stage);
      const error = await rejection(fresh.send(message()));
      expect(error).toMatchObject({ channel: 'email', retryable: true, code: `smtp_${code}` });
      expect(capture.messages).toHaveLength(0);
      // The next try goes through.
      await fresh.send(message());
      expect(await capture.waitFor(1)).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it.each([
    [550, 'rcpt'],
    [553, 'rcpt'],
    [550, 'data'],
  ] as const)('a %i reply at %s is permanent', async (code, stage) => {
    capture.failNext(1, code, stage);
    const error = await rejection(transport.send(message()));
    expect(error).toMatchObject({ channel: 'email', retryable: false, code: `smtp_${code}` });
  });

  it('wrong credentials are permanent (535) until someone fixes the configuration', async () => {
    const wrong = createSmtpTransport({ url: capture.url.replace('s3cret', 'nope'), timeoutMs: 5_000 });
    try {
      const error = await rejection(wrong.send(message()));
      expect(error).toMatchObject({ retryable: false, code: 'smtp_535' });
    } finally {
      await wrong.close();
    }
  });

  it('a server that accepted the message but whose answer was lost: retryable, and the resend is identifiable', async () => {
    capture.inject({ stage: 'drop_after_data', count: 1 });
    const error = await rejection(transport.send(message()));
    expect(error.retryable).toBe(true);
    await transport.send(message());
    const mails = await capture.waitFor(2);
    // Nothing re-sent behind the caller's back: the one the server kept, and the resend.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capture.messages).toHaveLength(2);
    expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set(['<ntf_01JDX4Q0000000000000000001@waybill.test>']));
  });
});

describe('SMTP connection failures', () => {
  it('connection refused is retryable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, timeoutMs: 2_000 });
    try {
      const error = await rejection(transport.send(message()));
      expect(error).toMatchObject({ channel: 'email', retryable: true });
    } finally {
      await transport.close();
    }
  });

  it('a server that never greets times out, retryably', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, timeoutMs: 300 });
    try {
      const error = await rejection(transport.send(message()));
      expect(error).toMatchObject({ channel: 'email', retryable: true });
    } finally {
      await transport.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
