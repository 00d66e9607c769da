/**
 * Assertions shared by the bad-input tests: every failure is RFC 9457 problem+json with a stable
 * code and never a 500, and bad input leaves the books balanced.
 */
import { sql } from 'kysely';
import { expect } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import type { Db } from '../../src/platform/db/database.js';
import type { Answer } from './http.js';

/** The shape API.md promises for every error answer. */
export function expectProblemShape(res: Answer): void {
  expect(res.status, res.text).toBeLessThan(500);
  expect(res.headers.get('content-type'), res.text).toMatch(/^application\/problem\+json/);
  expect(res.body, res.text).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: res.status, detail: expect.any(String), code: expect.any(String) }),
  );
  expect(res.body.type).toBe(`urn:waybill:problem:${res.body.code}`);
  // Nothing meant for the server's log leaks out.
  expect(res.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

/** A problem answer with this status and code; returns the body for further checks. */
export function expectProblem(res: Answer, status: number, code: string): any {
  expectProblemShape(res);
  expect({ status: res.status, code: res.body.code }, res.text).toEqual({ status, code });
  return res.body;
}

/** A 422 validation_failed naming each of `paths` in `errors[].path`. */
export function expectInvalid(res: Answer, ...paths: string[]): Array<{ path: string; message: string }> {
  const body = expectProblem(res, 422, 'validation_failed');
  expect(Array.isArray(body.errors), res.text).toBe(true);
  for (const error of body.errors) expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
  const named = body.errors.map((e: { path: string }) => e.path);
  for (const path of paths) expect(named, res.text).toContain(path);
  return body.errors;
}

/** The stock table equals the sum of its ledger, and no order exists without lines or lines without an order. */
export async function expectBooksBalance(db: Db): Promise<void> {
  expect(await ledgerMismatches(db)).toEqual([]);
  const ordersWithoutLines = await sql<{ n: number }>`select count(*) as n from orders o where not exists (select 1 from order_lines l where l.order_id = o.id)`.execute(db);
  const linesWithoutOrder = await sql<{ n: number }>`select count(*) as n from order_lines l where not exists (select 1 from orders o where o.id = l.order_id)`.execute(db);
  const ordersWithoutEvents = await sql<{ n: number }>`select count(*) as n from orders o where not exists (select 1 from order_events e where e.order_id = o.id)`.execute(db);
  const unbalancedAllocations = await sql<{ n: number }>`
    select count(*) as n from (
      select l.order_id, l.sku, sum(l.quantity - l.quantity_cancelled) as wanted from order_lines l group by l.order_id, l.sku
    ) w
    join orders o on o.id = w.order_id
    where o.status <> 'cancelled'
      and w.wanted <> coalesce((select sum(a.quantity - a.quantity_released) from order_allocations a where a.order_id = w.order_id and a.sku = w.sku), 0)`.execute(db);
  expect({
    ordersWithoutLines: Number(ordersWithoutLines.rows[0]!.n),
    linesWithoutOrder: Number(linesWithoutOrder.rows[0]!.n),
    ordersWithoutEvents: Number(ordersWithoutEvents.rows[0]!.n),
    unbalancedAllocations: Number(unbalancedAllocations.rows[0]!.n),
  }).toEqual({ ordersWithoutLines: 0, linesWithoutOrder: 0, ordersWithoutEvents: 0, unbalancedAllocations: 0 });
}

export async function countRows(db: Db, table: 'orders' | 'order_lines' | 'customers' | 'stock_movements' | 'products' | 'warehouses'): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]!.n);
}
