/** What notifications need from the composition root. */
import type { Logger } from 'pino';
import type { NotificationSettings } from '../config-notifications.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import type { AttachmentMakers } from './attachments.js';
import type { Branding, EmailTransport, MessageContext, MessageType, RenderedMessage, SmsTransport } from './types.js';

export interface NotificationDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  enqueue: Enqueue;
  logger: Logger;
  settings: NotificationSettings;
  branding: Branding;
  publicUrl: string;
  render(type: MessageType, context: MessageContext): RenderedMessage;
  transports: { email: EmailTransport; sms: SmsTransport };
  /** A carrier's name for people ("UPS", "Waybill Sim"). */
  carrierName(carrier: string): string;
  /** The shop's return reasons (config-returns.ts): their labels in messages. */
  returnReasons?: ReadonlyArray<{ code: string; label: string }>;
  /** Who makes the documents messages attach, by kind (`purchase_order`): given by the composition root, so notifications import no capability that owns them. */
  attachments: AttachmentMakers;
}
