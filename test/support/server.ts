/**
 * Starts a real Waybill server for a test: its own database, migrations, an admin key, listening on
 * a free loopback port. Tests talk to it over HTTP like any client.
 */
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { fixedClock } from '../../src/platform/clock.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createApiKey } from '../../src/platform/http/api-keys.js';
import type { App } from '../../src/platform/http/types.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './databases.js';
import { Client } from './http.js';
import { freePort } from './ports.js';

export { freePort };

export const REFERENCE_TIME = '2026-11-22T10:00:00.000Z';
export const ADMIN_KEY = 'wb_test_admin_key_0123456789abcdef';

export interface TestServer {
  dialect: TestDialect;
  url: string;
  deps: Deps;
  app: App;
  database: TestDatabase;
  admin: Client;
  operator: Client;
  viewer: Client;
  anonymous: Client;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

export async function startTestServer(dialect: TestDialect, env: Record<string, string> = {}, existing?: TestDatabase): Promise<TestServer> {
  const database = existing ?? (await createTestDatabase(dialect));
  // Known before the configuration is made: the sim posts its webhooks to this server's own URL.
  const port = await freePort();
  const config = loadConfig({ LOG_LEVEL: 'silent', WAYBILL_RATE_LIMIT_PER_MINUTE: '0', ...env, DATABASE_URL: database.url, PORT: String(port) });
  const clock = fixedClock(REFERENCE_TIME);
  const deps = createDeps(config, { clock, logger: pino({ level: config.logLevel }) });
  await migrateToLatest(deps.db);
  await createApiKey(deps.db, deps, { role: 'admin', name: 'test admin', key: ADMIN_KEY }).catch(() => undefined);
  const operatorKey = (await createApiKey(deps.db, deps, { role: 'operator', name: 'test operator' })).key;
  const viewerKey = (await createApiKey(deps.db, deps, { role: 'viewer', name: 'test viewer' })).key;
  const app = await buildApp(deps);
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    dialect,
    url,
    deps,
    app,
    database,
    clock,
    admin: new Client(url, ADMIN_KEY),
    operator: new Client(url, operatorKey),
    viewer: new Client(url, viewerKey),
    anonymous: new Client(url, null),
    close: async () => {
      await app.close();
      await deps.close();
      if (!existing) await database.drop();
    },
  };
}
