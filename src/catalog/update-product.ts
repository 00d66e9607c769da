import type { Clock } from '../platform/clock.js';
import { isoTime } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { findProduct, updateProductRow } from './product.repository.js';
import type { Product, UpdateProductInput } from './product.schemas.js';

export async function updateProduct(db: Db, clock: Clock, sku: string, changes: UpdateProductInput): Promise<Product> {
  return db.transaction().execute(async (trx) => {
    const existing = await findProduct(trx, sku);
    if (!existing) throw notFound(`Product ${sku}`);
    const updated: Product = { ...existing, ...changes, updated_at: isoTime(clock.now()) };
    await updateProductRow(trx, sku, { ...changes, updated_at: updated.updated_at });
    return updated;
  });
}
