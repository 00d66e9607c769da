/**
 * The purchase order lifecycle as data: draft → sent → partially_received → received, or cancelled
 * before anything arrived. An automatic order is sent as soon as it is raised; a manual one waits as
 * a draft until staff send it. Receiving more than ordered (within the tolerance) still ends at
 * `received`.
 */
export const purchaseOrderStatuses = ['draft', 'sent', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];

export const initialPurchaseOrderStatus: PurchaseOrderStatus = 'draft';
export const terminalPurchaseOrderStatuses: readonly PurchaseOrderStatus[] = ['received', 'cancelled'];
/** Still expected to bring stock: it holds its (SKU, warehouse) pairs in open_reorders. */
export const openPurchaseOrderStatuses: readonly PurchaseOrderStatus[] = ['draft', 'sent', 'partially_received'];

export const purchaseOrderTransitions: Readonly<Record<PurchaseOrderStatus, readonly PurchaseOrderStatus[]>> = {
  draft: ['sent', 'cancelled'],
  sent: ['partially_received', 'received', 'cancelled'],
  partially_received: ['partially_received', 'received'],
  received: [],
  cancelled: [],
};

export function canMovePurchaseOrder(from: PurchaseOrderStatus, to: PurchaseOrderStatus): boolean {
  return purchaseOrderTransitions[from].includes(to);
}
