import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import type { Resolver } from './url-guard.js';

/** What outbound webhooks need from the composition root (webhookDepsOf in index.ts). */
export interface WebhookDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly enqueue: Enqueue;
  readonly logger: Logger;
  /** WAYBILL_WEBHOOKS_ALLOW_PRIVATE=1: targets on loopback and private networks are allowed (tests, internal receivers). */
  readonly allowPrivate: boolean;
  /** How host names are resolved (default: the system resolver); tests of the guard replace it. */
  readonly resolve?: Resolver;
}
