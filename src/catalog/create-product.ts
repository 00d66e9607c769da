import type { Clock } from '../platform/clock.js';
import { isoTime } from '../platform/clock.js';
import { isUniqueViolation, type Executor } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { insertProduct } from './product.repository.js';
import type { CreateProductInput, Product } from './product.schemas.js';

export async function createProduct(db: Executor, clock: Clock, input: CreateProductInput): Promise<Product> {
  const now = isoTime(clock.now());
  const product: Product = {
    weight_grams: 0,
    length_mm: 0,
    width_mm: 0,
    height_mm: 0,
    returnable: true,
    reorder_point: 0,
    reorder_quantity: 0,
    supplier_id: null,
    lead_time_days: 0,
    reorder_policy: 'fixed',
    safety_stock: 0,
    backorderable: false,
    ...input,
    created_at: now,
    updated_at: now,
  };
  try {
    await insertProduct(db, product);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `A product with SKU ${input.sku} already exists`);
    throw error;
  }
  return product;
}
