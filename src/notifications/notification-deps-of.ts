/**
 * What notifications need, gathered from the composition root's Deps (renderer and transports are
 * made once there). A composition file: it alone may name the capabilities whose documents
 * messages attach (a purchase order's PDF), which notifications' own files never import.
 */
import type { Deps } from '../deps.js';
import { purchaseOrderPdf } from '../replenishment/index.js';
import type { NotificationDeps } from './notification-deps.js';

export function notificationDepsOf(deps: Deps): NotificationDeps {
  const n = deps.config.notifications;
  return {
    db: deps.db,
    clock: deps.clock,
    ids: deps.ids,
    enqueue: deps.enqueue,
    logger: deps.logger,
    settings: n,
    branding: {
      shopName: deps.config.shop.name,
      logoUrl: n.branding.logoUrl,
      primaryColor: n.branding.primaryColor,
      accentColor: n.branding.accentColor,
      supportEmail: deps.config.shop.supportEmail,
      websiteUrl: n.branding.websiteUrl,
    },
    publicUrl: deps.config.publicUrl,
    render: deps.messages.render,
    transports: deps.messages.transports,
    carrierName: (carrier) => deps.carriers.get(carrier)?.displayName ?? carrier,
    returnReasons: deps.config.returns.reasons,
    attachments: {
      purchase_order: async (db, id) => ({ contentType: 'application/pdf', content: await purchaseOrderPdf(db, deps.config.shop, id) }),
    },
  };
}
