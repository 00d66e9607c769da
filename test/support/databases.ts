/**
 * Every database test runs on SQLite, and on PostgreSQL too when a server URL is given
 * (WAYBILL_TEST_DATABASE_URL, or DATABASE_URL when it is postgres://). Each test run creates a
 * database of its own and drops it afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config.js';

export type TestDialect = 'sqlite' | 'postgres';

export function postgresServerUrl(): string | null {
  const candidates = [process.env.WAYBILL_TEST_DATABASE_URL, process.env.DATABASE_URL];
  return candidates.find((u) => u !== undefined && /^postgres(ql)?:\/\//.test(u)) ?? null;
}

export function testDialects(): TestDialect[] {
  return postgresServerUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  target: DatabaseTarget;
  /** DATABASE_URL value for child processes. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waybill-test-'));
    const file = join(dir, 'waybill.db');
    return { target: { kind: 'sqlite', file, synchronous: 'NORMAL', cacheMib: 64 }, url: file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = postgresServerUrl();
  if (!server) throw new Error('no PostgreSQL server URL for tests');
  const name = `waybill_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString(), poolSize: 10 },
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
