/**
 * The composition root: every shared thing, made once from the configuration and handed down as a
 * plain object. Tests build their own with a fixed clock.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { systemClock, type Clock } from './platform/clock.js';
import { openDatabase, type Db, type Dialect } from './platform/db/database.js';
import { createIds, type Ids } from './platform/ids.js';
import type { Enqueue } from './platform/jobs/types.js';
import { enqueueJob } from './platform/jobs/index.js';
import { createPaymentProviders, type PaymentProviders } from './payments/index.js';

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
  close(): Promise<void>;
}

export const redactedPaths = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.password', '*.token', '*.secret'];

export function createDeps(config: Config, overrides: { clock?: Clock; logger?: Logger } = {}): Deps {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? pino({ level: config.logLevel, redact: redactedPaths });
  const { db, dialect, close } = openDatabase(config.database);
  const ids = createIds(clock);
  const enqueue: Enqueue = (executor, spec) => enqueueJob(executor, { ids, clock }, spec);
  return { config, db, dialect, clock, ids, logger, enqueue, payments: createPaymentProviders(config), close };
}
