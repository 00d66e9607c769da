/**
 * Documents attached to a message. The row keeps a reference only, JSON `{kind, id, filename}`, and
 * the document is made when the message is sent, by the maker registered for its kind
 * (NotificationDeps.attachments, filled by the composition root). So notifications need not know
 * what a purchase order is (replenishment imports notifications, never the reverse), the bytes are
 * not stored twice, and a resend after a crash attaches the same document.
 */
import type { Executor } from '../platform/db/database.js';
import { ChannelError, type EmailAttachment } from './types.js';

export interface AttachmentRef {
  /** Which maker makes it (`purchase_order`). */
  kind: string;
  /** What the maker makes it from (the purchase order's id). */
  id: string;
  /** The name the recipient sees (`PO-000123.pdf`): chosen by the writer, which knows the record's number. */
  filename: string;
}

/** Makes the document of one record: its bytes and their media type. */
export type AttachmentMaker = (db: Executor, id: string) => Promise<{ contentType: string; content: Buffer }>;
export type AttachmentMakers = Readonly<Record<string, AttachmentMaker>>;

export function attachmentJson(ref: AttachmentRef): string {
  return JSON.stringify({ kind: ref.kind, id: ref.id, filename: ref.filename });
}

/** The row's reference; null when it has none. Throws on a value no writer of ours produces. */
export function parseAttachment(stored: string | null | undefined): AttachmentRef | null {
  if (stored === null || stored === undefined || stored === '') return null;
  const value = JSON.parse(stored) as Partial<AttachmentRef> | null;
  if (value === null || typeof value !== 'object' || typeof value.kind !== 'string' || typeof value.id !== 'string' || typeof value.filename !== 'string') {
    throw new TypeError(`not an attachment reference: ${stored.slice(0, 200)}`);
  }
  return { kind: value.kind, id: value.id, filename: value.filename };
}

/**
 * The document for a send. A kind without a maker is a permanent refusal (no retry will register
 * one); a maker's own failure (the database away) is retried like any failed send.
 */
export async function makeAttachment(db: Executor, makers: AttachmentMakers, ref: AttachmentRef): Promise<EmailAttachment> {
  const maker = Object.hasOwn(makers, ref.kind) ? makers[ref.kind] : undefined;
  if (maker === undefined) throw new ChannelError('email', false, `no document maker for attachments of kind "${ref.kind}"`, 'attachment_kind');
  const made = await maker(db, ref.id);
  return { filename: ref.filename, contentType: made.contentType, content: made.content };
}
