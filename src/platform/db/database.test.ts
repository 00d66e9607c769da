/** What openDatabase sets on a SQLite connection: the settings the rest of the code relies on. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

async function pragma(handle: ReturnType<typeof openDatabase>, name: string): Promise<unknown> {
  const { rows } = await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(handle.db);
  return Object.values(rows[0] ?? {})[0];
}

describe('openDatabase on SQLite', () => {
  it('sets WAL, foreign keys, the busy timeout and the configured page cache (negative: KiB)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waybill-open-'));
    const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'w.db'), synchronous: 'NORMAL', cacheMib: 8 });
    try {
      expect(await pragma(handle, 'journal_mode')).toBe('wal');
      expect(await pragma(handle, 'foreign_keys')).toBe(1);
      expect(await pragma(handle, 'busy_timeout')).toBe(10_000);
      expect(await pragma(handle, 'cache_size')).toBe(-8 * 1024);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
