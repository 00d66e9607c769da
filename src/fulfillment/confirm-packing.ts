/**
 * An operator confirms the packages the worker proposed (packing as a manual step): they become
 * packed and the pipeline continues with the invoice. Confirming twice is refused (409), so that a
 * double click is visible rather than silently repeated.
 */
import { insertOrderEvent, lockOrder } from '../orders/index.js';
import { isoTime, type Clock } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import { confirmPackages, packagesOf } from './fulfillment.repository.js';
import { enqueueInvoice } from './jobs.js';

export async function confirmPacking(trx: Trx, deps: { clock: Clock; ids: Ids; enqueue: Enqueue }, orderId: string, actor: string): Promise<void> {
  const now = isoTime(deps.clock.now());
  await lockOrder(trx, orderId, now);
  const packages = await packagesOf(trx, orderId);
  if (packages.length === 0) throw new AppError('conflict', 'This order has no proposed packages yet: it is not at the packing step');
  if ((await confirmPackages(trx, orderId)) === 0) throw new AppError('conflict', 'The packages of this order are already packed');
  await insertOrderEvent(trx, deps.ids, orderId, {
    type: 'fulfillment.packed',
    actor,
    at: now,
    data: { confirmed: true, packages: packages.map((p) => ({ seq: p.seq, box: p.box_code, weight_grams: p.weight_grams })) },
  });
  await enqueueInvoice(trx, deps, orderId);
}
