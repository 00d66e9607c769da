/**
 * A purchase order read under its row lock, and the guards on its moves. Send, cancel and receive
 * all start here, so each decides on the order (and lines) it will write over; the moves themselves
 * are still conditional on the status they start from (movePurchaseOrder).
 */
import type { Trx } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { findPurchaseOrder, type PurchaseOrderRecord } from './purchase-order.repository.js';
import { purchaseOrderTransitions, type PurchaseOrderStatus } from './purchase-order-status.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

export async function lockedPurchaseOrder(trx: Trx, deps: Pick<ReplenishmentDeps, 'dialect'>, id: string): Promise<PurchaseOrderRecord> {
  const po = await findPurchaseOrder(trx, id, deps.dialect);
  if (po === null) throw notFound(`Purchase order ${id}`);
  return po;
}

/** 409 invalid_transition unless the purchase order is in one of `from` (the state table says where it may go). */
export function requirePurchaseOrderStatus(po: Pick<PurchaseOrderRecord, 'number' | 'status'>, from: readonly PurchaseOrderStatus[], to: PurchaseOrderStatus): void {
  if (from.includes(po.status)) return;
  throw new AppError('invalid_transition', `Purchase order ${po.number} is ${po.status}; it cannot become ${to}`, { from: po.status, to, allowed: purchaseOrderTransitions[po.status] });
}

/** A conditional move lost under the lock: someone changed the order without taking it. */
export function changedMeanwhile(po: Pick<PurchaseOrderRecord, 'number'>): AppError {
  return new AppError('conflict', `Purchase order ${po.number} changed meanwhile; read it again`);
}
