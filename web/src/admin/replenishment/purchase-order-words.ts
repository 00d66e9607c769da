/** Purchase orders in words. Pure. */
import type { PurchaseOrder, PurchaseOrderStatus } from '../../api/index.js';
import type { Tone } from '../ui/tones.js';
import { statusVocabulary } from '../ui/status-words.js';

const purchaseOrders = statusVocabulary<PurchaseOrderStatus>({
  draft: { label: 'Draft', tone: 'neutral' },
  sent: { label: 'Sent to supplier', tone: 'info' },
  partially_received: { label: 'Partly received', tone: 'warning' },
  received: { label: 'Received', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
});
export const purchaseOrderStatuses = purchaseOrders.statuses;

export function purchaseOrderStatusLabel(status: PurchaseOrderStatus): string {
  return purchaseOrders.words(status).label;
}

export function purchaseOrderTone(status: PurchaseOrderStatus): Tone {
  return purchaseOrders.words(status).tone;
}

/** Units still expected on each line (never below 0: a line may be over-received within the tolerance). */
export function outstanding(line: PurchaseOrder['lines'][number]): number {
  return Math.max(0, line.quantity - line.quantity_received);
}

export function totalUnits(po: Pick<PurchaseOrder, 'lines'>): { ordered: number; received: number } {
  return po.lines.reduce((sum, l) => ({ ordered: sum.ordered + l.quantity, received: sum.received + l.quantity_received }), { ordered: 0, received: 0 });
}

/** What staff may do next, by the lifecycle (replenishment/purchase-order-status.ts on the server). */
export function purchaseOrderActions(po: Pick<PurchaseOrder, 'status' | 'lines'>): { send: boolean; cancel: boolean; receive: boolean } {
  const nothingReceived = po.lines.every((l) => l.quantity_received === 0);
  return {
    send: po.status === 'draft',
    cancel: (po.status === 'draft' || po.status === 'sent') && nothingReceived,
    receive: po.status === 'sent' || po.status === 'partially_received',
  };
}
