/**
 * Named (server-side) prepared statements on PostgreSQL for the hot-path queries.
 *
 * Why (measured with `npm run bench -- orders`): with pg's default
 * unnamed statements PostgreSQL parses and plans each of an order's ~17 statements every time; PG
 * then used more CPU per order than the server itself (0.95 cores against 0.67 at 430 orders/s).
 * Naming the statements made by platform/db/prepared.ts, so that each connection parses and plans
 * them once, cut PostgreSQL's CPU per order by ~25% and raised orders/s by ~17% over HTTP at 64
 * connections and ~20% DB-only (A/B runs, medians).
 *
 * Only those statements are named: their SQL comes from code, so the set is bounded (a name per
 * distinct text, at most MAX_NAMES), never from input. Statements with `*` in them are left
 * unnamed: a concurrent migration adding a column would make a prepared `select *` fail with
 * "cached plan must not change result type". Should the server still refuse a named statement —
 * that error, or a pooler (PgBouncer in transaction mode) that moves statements between server
 * connections — that text, or after a pooler error every text, goes back to unnamed statements;
 * only the one query that met the error fails, as it would have at any database error.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

const MAX_NAMES = 1000;
const names = new Map<string, string>();
let enabled = true;

/** Marks a hot-path SQL text (PostgreSQL placeholders) for a named prepared statement. */
export function nameStatement(sql: string): void {
  if (!enabled || names.has(sql) || names.size >= MAX_NAMES || sql.includes('*') || !sql.includes('$1')) return;
  names.set(sql, `wb_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`);
}

function onNamedFailure(sql: string, error: unknown): void {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  // feature_not_supported: "cached plan must not change result type" (the table changed under it).
  if (code === '0A000') names.delete(sql);
  // invalid_sql_statement_name / duplicate_prepared_statement: a pooler shares server connections.
  if (code === '26000' || code === '42P05') {
    enabled = false;
    names.clear();
  }
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** Makes `client` run marked SQL texts as named statements (call once per new connection). */
export function useNamedStatements(client: pg.ClientBase): void {
  const query = client.query.bind(client) as unknown as Query;
  const named: Query = (config, values, callback) => {
    if (enabled && callback === undefined && typeof config === 'string' && Array.isArray(values)) {
      const name = names.get(config);
      if (name !== undefined) {
        return (query({ name, text: config, values }) as Promise<unknown>).catch((error: unknown) => {
          onNamedFailure(config, error);
          throw error;
        });
      }
    }
    return query(config, values, callback);
  };
  (client as unknown as { query: Query }).query = named;
}
