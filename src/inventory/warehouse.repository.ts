import type { Executor } from '../platform/db/database.js';
import { prepared } from '../platform/db/prepared.js';
import type { WarehouseTable } from '../platform/db/schema.js';
import type { Warehouse } from './warehouse.schemas.js';

function toWarehouse(row: WarehouseTable): Warehouse {
  return { ...row, address: JSON.parse(row.address) as Warehouse['address'] };
}

export async function insertWarehouse(db: Executor, warehouse: Warehouse): Promise<void> {
  await db.insertInto('warehouses').values({ ...warehouse, address: JSON.stringify(warehouse.address) }).execute();
}

export async function listWarehouses(db: Executor): Promise<Warehouse[]> {
  return (await db.selectFrom('warehouses').selectAll().orderBy('code').execute()).map(toWarehouse);
}

export async function findWarehouseByCode(db: Executor, code: string): Promise<Warehouse | null> {
  const row = await db.selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toWarehouse(row) : null;
}

// Read for every order: compiled once (measured reason: platform/db/prepared.ts).
const locations = prepared((db, _: Record<string, never>) => db.selectFrom('warehouses').select(['id', 'code', 'latitude', 'longitude']).orderBy('code'));

/** Coordinates of every warehouse, for distance ranking (a handful of rows). */
export async function warehouseLocations(db: Executor): Promise<Array<{ id: string; code: string; latitude: number; longitude: number }>> {
  return (await locations(db, {})).rows;
}

export async function findWarehousesByIds(db: Executor, ids: readonly string[]): Promise<Map<string, Warehouse>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('warehouses').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, toWarehouse(r)]));
}
