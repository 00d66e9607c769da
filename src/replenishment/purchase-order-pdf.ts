/** STUB (being written): a purchase order as a PDF document. */
import type { Executor } from '../platform/db/database.js';

export async function purchaseOrderPdf(_db: Executor, _shop: { name: string; address: string; supportEmail: string }, _purchaseOrderId: string): Promise<Buffer> {
  throw new Error('not implemented');
}
