/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, any free port) that keeps every message it
 * accepts, parsed with mailparser: envelope, headers, Message-ID, subject, text and HTML parts. Faults
 * play what real servers do: a reply code at MAIL FROM, RCPT TO or after DATA (451 greylisting, 452 a
 * full queue, 550 no such mailbox, 553 a bad address), and `drop_after_data` keeps the message but
 * closes the connection before the 250 — the server accepted it and the sender never heard.
 * No STARTTLS (the client would refuse a self-signed certificate); AUTH is optional and recorded.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface CapturedMail {
  envelope: { from: string | null; to: string[] };
  /** The Message-ID header as sent, with its angle brackets. */
  messageId: string | null;
  from: string | null;
  to: string[];
  subject: string | null;
  text: string | null;
  html: string | null;
  headers: Map<string, unknown>;
  raw: string;
  /** The user the client logged in as, when it did. */
  user: string | null;
  /** The queue id the server answered with. */
  queueId: string;
  /** When the server stored it (Date.now()). */
  receivedAt: number;
  /** Kept, but the connection was closed before the 250 (a `drop_after_data` fault). */
  dropped: boolean;
  /** The name the client gave in its EHLO/HELO (nodemailer's `name` option), telling senders apart. */
  clientName: string | null;
}

export type SmtpStage = 'mail' | 'rcpt' | 'data' | 'drop_after_data';

export interface SmtpFault {
  stage: SmtpStage;
  /** The SMTP reply code (ignored by `drop_after_data`). */
  code?: number;
  message?: string;
  count: number;
  /** Only for messages to this recipient. */
  to?: string;
}

export interface SmtpCapture {
  url: string;
  port: number;
  messages: CapturedMail[];
  /** Resolves when at least `count` messages were accepted (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  inject(fault: SmtpFault): void;
  /** Shorthand: reject the next `count` messages at `stage` with `code`. */
  failNext(count: number, code: number, stage?: Exclude<SmtpStage, 'drop_after_data'>): void;
  connections(): number;
  /** Faults injected but not played yet (the sum of their remaining counts). */
  pendingFaults(): number;
  reset(): void;
  close(): Promise<void>;
}

export interface SmtpCaptureOptions {
  /** Require this login (the URL then carries it); otherwise AUTH is optional. */
  auth?: { user: string; pass: string };
  /**
   * A slow server: wait this long before answering RCPT TO (a client dying then leaves nothing
   * behind) and again after a message's data, before storing and answering it (a client dying then
   * leaves the message stored, unanswered).
   */
  delayMs?: number;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

const defaultMessages: Record<number, string> = {
  421: 'Service not available, closing transmission channel',
  450: 'Requested mail action not taken: mailbox unavailable',
  451: 'Requested action aborted: local error in processing (try again later)',
  452: 'Requested action not taken: insufficient system storage',
  550: 'Requested action not taken: mailbox unavailable',
  553: 'Requested action not taken: mailbox name not allowed',
};

export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  let faults: SmtpFault[] = [];
  let connectionCount = 0;
  let queueCounter = 0;
  const waiters: Array<() => void> = [];
  const later = (work: () => void) => (options.delayMs ? void setTimeout(work, options.delayMs) : work());

  function take(stage: SmtpStage, session: SMTPServerSession): SmtpFault | null {
    const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    const fault = faults.find((f) => f.stage === stage && f.count > 0 && (f.to === undefined || recipients.includes(f.to.toLowerCase())));
    if (!fault) return null;
    fault.count -= 1;
    return fault;
  }

  function refusal(fault: SmtpFault): Error {
    const code = fault.code ?? 451;
    return smtpError(code, fault.message ?? defaultMessages[code] ?? 'Rejected by the test');
  }

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    logger: false,
    banner: 'waybill smtp-capture',
    closeTimeout: 100,
    onConnect(_session, callback) {
      connectionCount += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (options.auth && (auth.username !== options.auth.user || auth.password !== options.auth.pass)) return callback(smtpError(535, 'Authentication credentials invalid'));
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      const fault = take('mail', session);
      callback(fault ? refusal(fault) : null);
    },
    onRcptTo(address, session, callback) {
      const fault = faults.find((f) => f.stage === 'rcpt' && f.count > 0 && (f.to === undefined || f.to.toLowerCase() === address.address.toLowerCase()));
      if (fault) fault.count -= 1;
      later(() => callback(fault ? refusal(fault) : null));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => later(() => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const fault = take('data', session) ?? take('drop_after_data', session);
        if (fault && fault.stage === 'data') return callback(refusal(fault));
        queueCounter += 1;
        const queueId = `Q${String(queueCounter).padStart(6, '0')}`;
        simpleParser(raw)
          .then((parsed) => {
            const addresses = (value: typeof parsed.to): string[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((a) => a.value.map((v) => v.address ?? '')));
            messages.push({
              envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
              messageId: (parsed.headers.get('message-id') as string | undefined) ?? null,
              from: parsed.from?.value[0]?.address ?? null,
              to: addresses(parsed.to),
              subject: parsed.subject ?? null,
              text: parsed.text ?? null,
              html: typeof parsed.html === 'string' ? parsed.html : null,
              headers: parsed.headers,
              raw,
              user: session.user ?? null,
              queueId,
              receivedAt: Date.now(),
              dropped: fault !== null,
              clientName: session.hostNameAppearsAs || null,
            });
            for (const wake of waiters.splice(0)) wake();
            if (fault) {
              // Accepted and stored, then the line goes dead before the 250 reaches the sender.
              for (const connection of server.connections as Set<{ id: string; _socket?: { destroy(): void } }>) {
                if (connection.id === session.id) connection._socket?.destroy();
              }
              return;
            }
            callback(null, `Ok: queued as ${queueId}`);
          })
          .catch((error: unknown) => callback(smtpError(451, `capture could not parse the message: ${String(error)}`)));
      }));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';

  const capture: SmtpCapture = {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`smtp-capture: ${messages.length} of ${count} messages after ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
      return messages;
    },
    inject: (fault) => void faults.push({ ...fault }),
    failNext: (count, code, stage = 'data') => capture.inject({ stage, code, count }),
    connections: () => connectionCount,
    pendingFaults: () => faults.reduce((sum, f) => sum + f.count, 0),
    reset: () => {
      messages.length = 0;
      faults = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return capture;
}
