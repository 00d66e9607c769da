import type { Executor } from '../platform/db/database.js';
import { prepared } from '../platform/db/prepared.js';
import type { ProductTable } from '../platform/db/schema.js';
import type { Product } from './product.schemas.js';

export function toProduct(row: ProductTable): Product {
  return {
    ...row,
    returnable: Number(row.returnable) === 1,
    reorder_policy: row.reorder_policy === 'auto' ? 'auto' : 'fixed',
    safety_stock: Number(row.safety_stock ?? 0),
    backorderable: Number(row.backorderable ?? 0) === 1,
  };
}

/** The booleans as the columns hold them (0/1 on both dialects). */
function flagColumns(changes: Partial<Pick<Product, 'returnable' | 'backorderable'>>) {
  return {
    ...(changes.returnable === undefined ? {} : { returnable: changes.returnable ? 1 : 0 }),
    ...(changes.backorderable === undefined ? {} : { backorderable: changes.backorderable ? 1 : 0 }),
  };
}

export async function insertProduct(db: Executor, product: Product): Promise<void> {
  await db
    .insertInto('products')
    .values({ ...product, returnable: product.returnable ? 1 : 0, backorderable: product.backorderable ? 1 : 0 })
    .execute();
}

export async function findProduct(db: Executor, sku: string): Promise<Product | null> {
  const row = await db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirst();
  return row ? toProduct(row) : null;
}

// Compiled once per number of SKUs: on the order hot path (measured reason: platform/db/prepared.ts).
const productsBySku = prepared((db, p: { skus: readonly string[] }) => db.selectFrom('products').selectAll().where('sku', 'in', p.skus));

export async function findProducts(db: Executor, skus: readonly string[]): Promise<Map<string, Product>> {
  if (skus.length === 0) return new Map();
  const { rows } = await productsBySku(db, { skus });
  return new Map(rows.map((row) => [row.sku, toProduct(row)]));
}

export async function listProducts(db: Executor, options: { after?: string; limit: number }): Promise<Product[]> {
  let query = db.selectFrom('products').selectAll().orderBy('sku').limit(options.limit);
  if (options.after !== undefined) query = query.where('sku', '>', options.after);
  return (await query.execute()).map(toProduct);
}

export async function updateProductRow(db: Executor, sku: string, changes: Partial<Product>): Promise<void> {
  const { returnable, backorderable, ...rest } = changes;
  await db
    .updateTable('products')
    .set({ ...rest, ...flagColumns({ returnable, backorderable }) })
    .where('sku', '=', sku)
    .execute();
}
