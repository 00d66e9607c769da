/** A purchase order's status on a pill, in words ("Sent to supplier"). */
import type { PurchaseOrderStatus } from '../../api/index.js';
import { purchaseOrderStatusLabel, purchaseOrderTone } from './purchase-order-words.js';
import { StatusPill } from '../ui/index.js';

export function PurchaseOrderStatusPill({ status }: { status: PurchaseOrderStatus }) {
  return <StatusPill status={status} label={purchaseOrderStatusLabel(status)} tone={purchaseOrderTone(status)} />;
}
