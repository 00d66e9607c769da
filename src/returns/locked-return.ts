/**
 * A return read under its order's lock. Receipt, refund and close all start here: the order's row
 * lock (lockOrder) serializes them with each other and with anything else that changes the order's
 * money or lines (a cancellation, a goodwill refund), and the return is read again after the lock,
 * so what the use case decides on is what it will write over.
 */
import { lockOrder } from '../orders/index.js';
import type { Trx } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { findReturn, type ReturnRecord } from './return.repository.js';
import { returnTransitions, type ReturnStatus } from './return-status.js';

export async function lockedReturn(trx: Trx, id: string, now: string): Promise<ReturnRecord> {
  const found = await findReturn(trx, id);
  if (found === null || !(await lockOrder(trx, found.order_id, now))) throw notFound(`Return ${id}`);
  return (await findReturn(trx, id))!;
}

/** 409 invalid_transition unless the return is in one of `from` (the state table says where it may go). */
export function requireStatus(ret: ReturnRecord, from: readonly ReturnStatus[], to: ReturnStatus, detail?: string): void {
  if (from.includes(ret.status)) return;
  throw new AppError('invalid_transition', detail ?? `Return ${ret.id} is ${ret.status}; it cannot become ${to}`, { from: ret.status, to, allowed: returnTransitions[ret.status] });
}

/** A conditional move lost under the order's lock: someone changed the return without taking it. */
export function movedMeanwhile(ret: ReturnRecord): AppError {
  return new AppError('conflict', `Return ${ret.id} changed meanwhile; read it again`);
}
