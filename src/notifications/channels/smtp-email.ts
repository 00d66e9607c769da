/**
 * Email over SMTP with nodemailer (SMTP_URL). The Message-ID header is the notification's own stable
 * id, so a resend after a crash is recognisably the same message. Failures become ChannelErrors that
 * say whether a later try can succeed: the connection or a 4xx reply (greylisting, a full queue) can;
 * a 5xx reply (no such mailbox, relaying denied) cannot, and retrying would only hammer the server.
 * Attachments arrive as bytes made for this send (a purchase order's PDF) and go as MIME parts.
 */
import nodemailer from 'nodemailer';
import { ChannelError, type EmailToSend, type EmailTransport, type SendResult } from '../types.js';

export interface SmtpOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; its query may set nodemailer options. */
  url: string;
  /** Used when a message has no `from` of its own. */
  from?: string;
  /** Per-step limits (connect, greeting, idle socket); nodemailer's own defaults are minutes. */
  timeoutMs?: number;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/** Without a reply code, these are the connection's troubles, not the message's. */
const transientCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'EMAXLIMIT', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

export function classifySmtpError(error: unknown): ChannelError {
  const failure = (error ?? {}) as SmtpFailure;
  const message = failure.message ?? String(error);
  const reply = failure.responseCode;
  if (typeof reply === 'number' && reply >= 400 && reply < 600) {
    // RFC 5321: 4yz is a transient negative completion, 5yz a permanent one.
    return new ChannelError('email', reply < 500, message, `smtp_${reply}`, { cause: error });
  }
  const code = failure.code ?? null;
  const retryable = code === null || transientCodes.has(code);
  return new ChannelError('email', retryable, message, code === null ? 'smtp_error' : code.toLowerCase(), { cause: error });
}

/** The queue id from replies like `250 2.0.0 Ok: queued as 4Xq1`, else the reply itself. */
function providerIdFrom(response: string | undefined, messageId: string): string {
  if (!response) return messageId;
  const queued = /queued as\s+<?([^\s>]+)>?/i.exec(response);
  return queued ? queued[1]! : response.trim();
}

export function createSmtpTransport(options: SmtpOptions): EmailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  let closed = false;
  return {
    kind: 'smtp',
    async send(message: EmailToSend): Promise<SendResult> {
      if (closed) throw new ChannelError('email', true, 'the SMTP transport is closed', 'closed');
      try {
        const info = await transporter.sendMail({
          from: message.from || options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          ...(message.attachments?.length ? { attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) } : {}),
        });
        return { providerId: providerIdFrom(info.response, message.messageId) };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      transporter.close();
    },
  };
}
