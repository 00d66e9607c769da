/** What the returns capability needs from the composition root. */
import type { Logger } from 'pino';
import type { ReturnSettings } from '../config-returns.js';
import type { SubmitOrderDeps } from '../orders/submit-order.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import type { ShippingDeps } from '../shipping/index.js';

export interface ReturnDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  enqueue: Enqueue;
  logger: Logger;
  settings: ReturnSettings;
  /** Buying and tracking the return label. */
  shipping: ShippingDeps;
  /** Refunds and the replacement order of an exchange. */
  orders: SubmitOrderDeps;
  publicUrl: string;
}
