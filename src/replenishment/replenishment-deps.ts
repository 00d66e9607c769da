/** What the replenishment capability needs from the composition root. */
import type { Logger } from 'pino';
import type { ReplenishmentSettings } from '../config-replenishment.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Dialect } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import type { SupplierEmailDeps } from '../notifications/index.js';

export interface ReplenishmentDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  ids: Ids;
  enqueue: Enqueue;
  logger: Logger;
  settings: ReplenishmentSettings;
  publicUrl: string;
  /** Who the shop is, on purchase orders. */
  shop: { name: string; address: string; supportEmail: string };
  /** The From of supplier emails. */
  mailFrom: string;
  /** The supplier email's templates (the shop's override folder included) and transport, from notifications. */
  supplierEmail: SupplierEmailDeps;
}
