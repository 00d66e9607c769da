/**
 * A return and the stock of its SKUs at the warehouse it goes back to (so staff see resellable
 * units come back on hand after receiving it), read together for one reload.
 */
import { api, call, type AdminReturn } from '../../api/index.js';
import { useLoad, type Loaded } from '../../shared/useLoad.js';

export interface ReturnRecord {
  ret: AdminReturn;
  /** Units on hand by SKU: at the return's warehouse, or in all warehouses before it has one. */
  stock: Map<string, number>;
}

async function loadRecord(id: string): Promise<ReturnRecord> {
  const ret = await call(api.staffApi.GET('/api/v1/returns/{id}', { params: { path: { id } } }));
  const warehouse = ret.warehouse ?? undefined;
  const skus = [...new Set(ret.lines.map((l) => l.sku))];
  const pages = await Promise.all(skus.map((sku) => call(api.staffApi.GET('/api/v1/inventory', { params: { query: { sku, ...(warehouse ? { warehouse } : {}), limit: 200 } } }))));
  // Until approval names the warehouse the parcel goes back to, the SKU's stock everywhere.
  const stock = new Map<string, number>();
  for (const row of pages.flatMap((p) => p.data)) stock.set(row.sku, (stock.get(row.sku) ?? 0) + row.on_hand);
  return { ret, stock };
}

export function useReturnRecord(id: string, signedOut: () => void): Loaded<ReturnRecord> {
  return useLoad(() => loadRecord(id), [id], signedOut);
}
