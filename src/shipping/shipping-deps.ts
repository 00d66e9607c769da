/** What the shipping and tracking capabilities need from the composition root. */
import type { NotificationSettings } from '../config-notifications.js';
import type { ShippingSettings } from '../config-shipping.js';
import type { BoxCatalog } from '../fulfillment/index.js';
import type { OrderPaymentDeps } from '../orders/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import type { Logger } from 'pino';
import type { Carriers } from './carrier-registry.js';

export interface ShippingDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  enqueue: Enqueue;
  logger: Logger;
  carriers: Carriers;
  settings: ShippingSettings;
  boxes: BoxCatalog;
  shopName: string;
  /** The shop's logo and colours (the public tracking page shows them). */
  branding: NotificationSettings['branding'];
  publicUrl: string;
  /** For the order's own moves (capture at shipment, delivery). */
  orders: OrderPaymentDeps;
}
