/**
 * The composition root: every shared thing, made once from the configuration and handed down as a
 * plain object. Tests build their own with a fixed clock.
 */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { secretValues } from './config-secrets.js';
import { createLogger } from './platform/logging.js';
import { systemClock, type Clock } from './platform/clock.js';
import { openDatabase, type Db, type Dialect } from './platform/db/database.js';
import { createIds, type Ids } from './platform/ids.js';
import type { Enqueue } from './platform/jobs/types.js';
import { enqueueJob } from './platform/jobs/index.js';
import { createPaymentProviders, type PaymentProviders } from './payments/index.js';
import { createCarriers, type Carriers } from './shipping/index.js';
import { createTransports } from './notifications/channels/index.js';
import { createRenderer } from './notifications/render.js';
import { ConfigError } from './config-error.js';
import type { MessageContext, MessageType, RenderedMessage, EmailTransport, SmsTransport } from './notifications/types.js';
// Live streams: the event hub (platform/events) over the order timeline (streams).
import { createEventHub, type EventHub } from './platform/events/index.js';
import { orderChangeSource, type OrderChange } from './streams/index.js';

export interface Deps {
  readonly config: Config;
  readonly db: Db;
  readonly dialect: Dialect;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly logger: Logger;
  /** Enqueue a durable job inside the caller's transaction (platform/jobs). */
  readonly enqueue: Enqueue;
  readonly payments: PaymentProviders;
  /** The enabled carriers (the sim unless switched off, and every configured real one). */
  readonly carriers: Carriers;
  /** Message templates (compiled once) and the email and SMS channels (the dev outbox without SMTP / Twilio). */
  readonly messages: { render(type: MessageType, context: MessageContext): RenderedMessage; transports: { email: EmailTransport; sms: SmsTransport } };
  /** Relayed order changes to this process's live streams (LISTEN/NOTIFY across processes on PostgreSQL). */
  readonly events: EventHub<OrderChange>;
  close(): Promise<void>;
}

/** Where the sim posts its webhooks: WAYBILL_SIM_WEBHOOK_URL, else this server's own listen address. */
export function simWebhookUrl(config: Config): string {
  if (config.shipping.sim.webhookUrl !== null) return config.shipping.sim.webhookUrl;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '[::1]' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}/webhooks/carriers/sim`;
}

/** The templates are checked at start: a broken override is the configuration's fault, said in one line. */
function rendererOrConfigError(overrideDir: string | null) {
  try {
    return createRenderer({ overrideDir });
  } catch (error) {
    throw new ConfigError('WAYBILL_TEMPLATES_DIR', error instanceof Error ? error.message : String(error));
  }
}

export function createDeps(config: Config, overrides: { clock?: Clock; logger?: Logger } = {}): Deps {
  const clock = overrides.clock ?? systemClock;
  // Scrubs every secret of the configuration, and secret-named fields, from each line (platform/logging.ts).
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: secretValues(config) });
  const { db, dialect, close } = openDatabase(config.database);
  const ids = createIds(clock);
  const enqueue: Enqueue = (executor, spec) => enqueueJob(executor, { ids, clock }, spec);
  const carriers = createCarriers(config.shipping, { db, clock, publicUrl: config.publicUrl, supportEmail: config.shop.supportEmail });
  const renderer = rendererOrConfigError(config.notifications.templatesDir);
  const transports = createTransports(config.notifications);
  const messages = { render: (type: MessageType, context: MessageContext) => renderer.render(type, context), transports };
  // Live streams: the hub opens its LISTEN connection (PostgreSQL) only when someone subscribes.
  const events = createEventHub({ dialect, clock, logger, source: orderChangeSource(db), pgUrl: config.database.kind === 'postgres' ? config.database.url : null });
  const closeAll = async () => {
    await events.close();
    await transports.email.close();
    await close();
  };
  return { config, db, dialect, clock, ids, logger, enqueue, payments: createPaymentProviders(config), carriers, messages, events, close: closeAll };
}
