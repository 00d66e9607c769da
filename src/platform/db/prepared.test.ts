import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Executor } from './database.js';
import { compilePrepared, prepared } from './prepared.js';
import type { Database } from './schema.js';

/** Kysely instances that compile but never connect. */
const dialects = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

function same<P>(db: Executor, build: (db: Executor, params: P) => Compilable<unknown>, params: P) {
  const direct: CompiledQuery = build(db, params).compile();
  expect(compilePrepared(db, build, params)).toEqual({ sql: direct.sql, parameters: [...direct.parameters] });
}

const now = '2026-11-22T10:00:00.000Z';

describe.each(Object.entries(dialects))('prepared queries on %s', (_name, db) => {
  it('binds the values exactly where Kysely puts them: in-lists, multi-row inserts, sql`` fragments, constants', () => {
    same(db, (d, p: { skus: string[] }) => d.selectFrom('products').selectAll().where('sku', 'in', p.skus), { skus: ['A', 'B', 'C'] });
    same(db, (d, p: { skus: string[] }) => d.selectFrom('products').selectAll().where('sku', 'in', p.skus), { skus: ['A'] });
    same(
      db,
      (d, p: { sku: string; warehouseId: string; q: number; now: string }) =>
        d
          .updateTable('stock')
          .where('sku', '=', p.sku)
          .where('warehouse_id', '=', p.warehouseId)
          .set({ reserved: sql`reserved + ${p.q}`, updated_at: p.now })
          .where(sql<boolean>`on_hand - reserved >= ${p.q}`),
      { sku: 'A', warehouseId: 'wh_1', q: 3, now },
    );
    same(
      db,
      (d, row: { id: string; email: string; name: string; phone: string | null; created_at: string; updated_at: string }) =>
        d
          .insertInto('customers')
          .values(row)
          .onConflict((oc) =>
            oc.column('email').doUpdateSet({ name: (eb) => eb.ref('excluded.name'), phone: sql`coalesce(excluded.phone, customers.phone)`, updated_at: (eb) => eb.ref('excluded.updated_at') }),
          )
          .returning('id'),
      { id: 'cus_1', email: 'a@b.c', name: 'Ada', phone: null, created_at: now, updated_at: now },
    );
    same(
      db,
      (d, p: { rows: Array<{ order_id: string; sku: string; warehouse_id: string; quantity: number; quantity_released: number; quantity_shipped: number }> }) =>
        d.insertInto('order_allocations').values(p.rows),
      {
        rows: [
          { order_id: 'o', sku: 'A', warehouse_id: 'w1', quantity: 2, quantity_released: 0, quantity_shipped: 0 },
          { order_id: 'o', sku: 'B', warehouse_id: 'w2', quantity: 1, quantity_released: 0, quantity_shipped: 0 },
        ],
      },
    );
    same(db, (d, _: Record<string, never>) => d.updateTable('counters').set({ value: sql`value + 1` }).where('name', '=', 'order_number').returning('value'), {});
  });

  it('keeps one template per shape: list length and null values give different SQL', async () => {
    const seen: string[] = [];
    const spy = new Kysely<Database>({
      dialect: {
        createAdapter: () => (_name === 'sqlite' ? new SqliteAdapter() : new PostgresAdapter()),
        createDriver: () =>
          Object.assign(new DummyDriver(), {
            acquireConnection: async () => ({
              executeQuery: async (query: CompiledQuery) => {
                seen.push(`${query.sql} ${JSON.stringify(query.parameters)}`);
                return { rows: [] };
              },
              streamQuery: () => {
                throw new Error('no streams');
              },
            }),
          }),
        createIntrospector: (k) => (_name === 'sqlite' ? new SqliteIntrospector(k) : new PostgresIntrospector(k)),
        createQueryCompiler: () => (_name === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
      },
    });
    const bySku = prepared((d, p: { skus: string[] }) => d.selectFrom('products').select('sku').where('sku', 'in', p.skus));
    const withLine2 = prepared((d, p: { line2: string | null }) => d.selectFrom('orders').select('id').where('email', 'is', p.line2));
    await bySku(spy, { skus: ['A', 'B'] });
    await bySku(spy, { skus: ['C', 'D'] });
    await bySku(spy, { skus: ['E'] });
    await withLine2(spy, { line2: null });
    const placeholders = _name === 'sqlite' ? ['?, ?', '?'] : ['$1, $2', '$1'];
    expect(seen[0]).toContain(`in (${placeholders[0]}) ["A","B"]`);
    expect(seen[1]).toContain(`in (${placeholders[0]}) ["C","D"]`);
    expect(seen[2]).toContain(`in (${placeholders[1]}) ["E"]`);
    expect(seen[3]).toContain('is null');
  });

  it('refuses a template that computes with a value instead of binding it', () => {
    expect(() => compilePrepared(db, (d, p: { email: string }) => d.selectFrom('customers').select('id').where('email', '=', p.email.toLowerCase()), { email: 'A@B.C' })).toThrow(
      /computed with a parameter/,
    );
    expect(() => compilePrepared(db, (d, p: { q: number }) => d.selectFrom('stock').select('sku').where('on_hand', '>=', p.q * 2), { q: 2 })).toThrow(/computed with a parameter/);
    expect(() => compilePrepared(db, (d, p: { q: number }) => d.selectFrom('stock').select('sku').where('on_hand', '>=', p.q + 1), { q: 2 })).toThrow(/computed with a parameter/);
  });
});
