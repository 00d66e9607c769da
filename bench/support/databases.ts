/**
 * A fresh database per bench run: a SQLite file in a temporary directory, or a PostgreSQL database
 * created on the server named by WAYBILL_TEST_DATABASE_URL (or DATABASE_URL when it is postgres://)
 * and dropped afterwards. The same rule as the test harness, kept separate so that benches do not
 * depend on test/.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchDatabase {
  dialect: BenchDialect;
  /** DATABASE_URL for the server process and for in-process measurements. */
  url: string;
  drop(): Promise<void>;
}

export function postgresServerUrl(): string | null {
  const candidates = [process.env.WAYBILL_TEST_DATABASE_URL, process.env.DATABASE_URL];
  return candidates.find((u) => u !== undefined && /^postgres(ql)?:\/\//.test(u)) ?? null;
}

/** SQLite always; PostgreSQL when a server URL is set. WAYBILL_BENCH_DIALECTS=sqlite,postgres narrows it. */
export function benchDialects(): BenchDialect[] {
  const available: BenchDialect[] = postgresServerUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
  const wanted = process.env.WAYBILL_BENCH_DIALECTS?.split(',').map((d) => d.trim());
  return wanted ? available.filter((d) => wanted.includes(d)) : available;
}

export async function createBenchDatabase(dialect: BenchDialect): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waybill-bench-'));
    return { dialect, url: join(dir, 'waybill.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = postgresServerUrl();
  if (!server) throw new Error('no PostgreSQL server URL (WAYBILL_TEST_DATABASE_URL or DATABASE_URL=postgres://…)');
  const name = `waybill_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
