/**
 * A process starting while its database is away waits for it (migrateWhenReachable) instead of
 * exiting at once; anything but an unreachable database fails at once. Against a PostgreSQL address
 * where nothing listens (connection refused) and a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/ports.js';
import { openDatabase } from './database.js';
import { isMigrated, migrateWhenReachable } from './migrate.js';

describe('migrateWhenReachable', () => {
  it('keeps trying while the database refuses connections, then gives up with the connection error', async () => {
    const port = await freePort();
    const handle = openDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/none`, poolSize: 1 });
    const waits: unknown[] = [];
    try {
      await expect(migrateWhenReachable(handle.db, { waitMs: 300, retryMs: 50, onWait: (e) => waits.push(e) })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await handle.close();
    }
    expect(waits.length).toBeGreaterThanOrEqual(2);
  });

  it('migrates at once when the database is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waybill-migrate-'));
    const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'w.db'), synchronous: 'NORMAL', cacheMib: 64 });
    const waits: unknown[] = [];
    try {
      const applied = await migrateWhenReachable(handle.db, { onWait: (e) => waits.push(e) });
      expect(applied.length).toBeGreaterThan(0);
      expect(await isMigrated(handle.db)).toBe(true);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(waits).toEqual([]);
  });
});
