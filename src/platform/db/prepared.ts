/**
 * Hot-path queries compiled once per shape, then only re-bound with fresh values.
 *
 * Why (measured): building a Kysely query and compiling it to SQL costs about 106 µs for the 15
 * statements of one order even in a tight loop (micro-benchmark), ~14% of the server's CPU in the
 * profile of `npm run bench -- orders` on SQLite (freeze, visitNode, parseRowValues, …), for SQL
 * text that is the same every time. `prepared(build)` keeps writing the query with Kysely (types,
 * dialect quoting), but runs `build` only the first time a shape is seen, with a unique marker in
 * place of every value; the compiled parameters then say which value goes where, and later calls
 * just bind their values into that SQL.
 *
 * The contract for `build`: use the values in `params` only as values (where, set, values,
 * sql`${…}`), never to decide the query's structure or to compute with (`if (p.flag)`,
 * `p.name.toLowerCase()`). What varies the structure is the shape of `params`, which is part of the
 * cache key: array lengths, which keys exist, and which values are null or undefined (those are
 * passed to `build` as they are, since Kysely treats them specially). A value that `build` computed
 * with (cased, concatenated, did arithmetic on) is detected and refused when the template is made.
 * prepared.test.ts checks that the query forms used compile to exactly what Kysely compiles
 * directly, and the API tests run every prepared query on both dialects.
 */
import { randomBytes } from 'node:crypto';
import { createQueryId, PostgresAdapter, type Compilable, type QueryResult, type RootOperationNode } from 'kysely';
import type { Executor } from './database.js';
import { nameStatement } from './pg-named-statements.js';

/** Marks a value's slot while a template is compiled: NUL, mixed case and a per-process nonce, so that no real value and no transformed marker can pass for one. */
const MARK = `\u0000Wb${randomBytes(6).toString('hex')}#`;
/** Distinct shapes kept per query and dialect; past that, a query is compiled each time (still correct). */
const SHAPES_PER_QUERY = 500;

type Slot = number | { constant: unknown };

interface Template {
  sql: string;
  query: RootOperationNode;
  slots: Slot[];
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Collects the values (leaves) of `params` in a fixed order and returns its shape. */
function shapeOf(value: unknown, leaves: unknown[]): string {
  if (value === null) return 'n';
  if (value === undefined) return 'u';
  if (typeof value === 'object') {
    if (Array.isArray(value)) {
      let shape = '[';
      for (const item of value) shape += `${shapeOf(item, leaves)},`;
      return `${shape}]`;
    }
    if (isPlainObject(value)) {
      let shape = '{';
      for (const key in value) shape += `${key}:${shapeOf(value[key], leaves)},`;
      return `${shape}}`;
    }
  }
  leaves.push(value);
  return 'v';
}

/** A copy of `params` with the marker of its slot in place of every leaf value. */
function marked(value: unknown, next: { index: number }): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'object') {
    if (Array.isArray(value)) return value.map((item) => marked(item, next));
    if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      for (const key in value) copy[key] = marked(value[key], next);
      return copy;
    }
  }
  return `${MARK}${next.index++}#`;
}

function makeTemplate<P, R>(db: Executor, build: (db: Executor, params: P) => Compilable<R>, params: P, leafCount: number): Template {
  const compiled = build(db, marked(params, { index: 0 }) as P).compile();
  if (compiled.sql.includes(MARK)) throw new Error(`prepared query: a value was written into the SQL text instead of bound: ${compiled.sql}`);
  const slots = compiled.parameters.map((parameter): Slot => {
    if (typeof parameter === 'string' && parameter.startsWith(MARK)) {
      const index = Number(parameter.slice(MARK.length, -1));
      if (Number.isInteger(index) && index >= 0 && index < leafCount && parameter === `${MARK}${index}#`) return index;
    }
    // A marker that build concatenated, cased or did arithmetic with (NaN) must not pass as a constant.
    if ((typeof parameter === 'string' && parameter.toLowerCase().includes(MARK.slice(0, 3).toLowerCase())) || (typeof parameter === 'number' && Number.isNaN(parameter))) {
      throw new Error(`prepared query: build computed with a parameter instead of binding it (${compiled.sql})`);
    }
    return { constant: parameter };
  });
  // On PostgreSQL these statements also become named server-side prepared statements.
  if (db.getExecutor().adapter instanceof PostgresAdapter) nameStatement(compiled.sql);
  return { sql: compiled.sql, query: compiled.query, slots };
}

export type PreparedQuery<P, R> = (db: Executor, params: P) => Promise<QueryResult<R>>;

/** Wraps a query builder so that it is compiled once per dialect and shape of `params` (see above). */
export function prepared<P, R>(build: (db: Executor, params: P) => Compilable<R>): PreparedQuery<P, R> {
  // Per adapter object: one per opened database, shared by its transactions; SQLite and PostgreSQL
  // compile differently and a process (the tests) may have both open.
  const templates = new WeakMap<object, Map<string, Template>>();
  return (db, params) => {
    const leaves: unknown[] = [];
    const shape = shapeOf(params, leaves);
    const adapter = db.getExecutor().adapter;
    let byShape = templates.get(adapter);
    if (byShape === undefined) {
      byShape = new Map();
      templates.set(adapter, byShape);
    }
    let template = byShape.get(shape);
    if (template === undefined) {
      template = makeTemplate(db, build, params, leaves.length);
      if (byShape.size < SHAPES_PER_QUERY) byShape.set(shape, template);
    }
    const slots = template.slots;
    const parameters = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      parameters[i] = typeof slot === 'number' ? leaves[slot] : slot.constant;
    }
    return db.executeQuery<R>({ sql: template.sql, parameters, query: template.query, queryId: createQueryId() });
  };
}

/** The compiled SQL and parameters a prepared query would run, for tests. */
export function compilePrepared<P, R>(db: Executor, build: (db: Executor, params: P) => Compilable<R>, params: P): { sql: string; parameters: unknown[] } {
  const leaves: unknown[] = [];
  shapeOf(params, leaves);
  const template = makeTemplate(db, build, params, leaves.length);
  return { sql: template.sql, parameters: template.slots.map((slot) => (typeof slot === 'number' ? leaves[slot] : slot.constant)) };
}
