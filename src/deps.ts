/**
 * The composition root: every shared thing, made once from the configuration and handed down as a
 * plain object. Tests build their own with a fixed clock.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { systemClock, type Clock } from './platform/clock.js';
import { openDatabase, type Db, type Dialect } from './platform/db/database.js';
import { createIds, type Ids } from './platform/ids.js';

export interface Deps {
  readonly config: Config;
  readonly db: Db;
  readonly dialect: Dialect;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly logger: Logger;
  close(): Promise<void>;
}

export const redactedPaths = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.password', '*.token', '*.secret'];

export function createDeps(config: Config, overrides: { clock?: Clock; logger?: Logger } = {}): Deps {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? pino({ level: config.logLevel, redact: redactedPaths });
  const { db, dialect, close } = openDatabase(config.database);
  return { config, db, dialect, clock, ids: createIds(clock), logger, close };
}
