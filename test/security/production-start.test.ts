/**
 * Production mode (NODE_ENV=production) through the real command line: `waybill serve` with an
 * empty, default or weak secret exits with code 2 and one line naming the variable — no stack
 * trace, never the value — before it opens the database or a port; with strong secrets it starts
 * and answers /readyz. The rules themselves are src/config-production.test.ts.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, waitReady, type ServerProcess } from '../concurrency/processes.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STRONG_KEY = 'Kp7vQ2xL9mR4tW8zB3nF6hJ1cY5dG0sAe';
const STRONG_SIM = 'Zr5wN8qT1yU4iO7pA2sD6fG9hJ3kL0xCv';

/** `waybill serve` in production mode with only `env` set (nothing inherited that could change the outcome). */
function serveInProduction(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(WAYBILL_|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$|NODE_OPTIONS$|NODE_ENV$|SMTP_URL$)/.test(name)));
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { cwd: root, env: { ...inherited, NODE_ENV: 'production', PORT: '0', DATABASE_URL: '/nonexistent-dir/never-opened.db', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('production mode from the command line', () => {
  it('refuses to start on an empty, default or weak secret: exit 2, one line naming the variable, no stack, no value', async () => {
    const cases: Array<{ env: Record<string, string>; variable: string; secret?: string }> = [
      { env: {}, variable: 'WAYBILL_SIM_WEBHOOK_SECRET' },
      { env: { WAYBILL_SIM_WEBHOOK_SECRET: 'whsec_waybill_sim_development' }, variable: 'WAYBILL_SIM_WEBHOOK_SECRET', secret: 'whsec_waybill_sim_development' },
      { env: { WAYBILL_SIM_WEBHOOK_SECRET: STRONG_SIM, WAYBILL_ADMIN_KEY: '' }, variable: 'WAYBILL_ADMIN_KEY' },
      { env: { WAYBILL_SIM_WEBHOOK_SECRET: STRONG_SIM, WAYBILL_ADMIN_KEY: 'change-me-change-me-change-me-0123456789' }, variable: 'WAYBILL_ADMIN_KEY', secret: 'change-me-change-me-change-me-0123456789' },
      { env: { WAYBILL_SIM: 'off', WAYBILL_STRIPE_SECRET_KEY: 'sk_live_51HxYzAbCdEfGhIjKlMnOp', WAYBILL_STRIPE_WEBHOOK_SECRET: 'my-stripe-hook' }, variable: 'WAYBILL_STRIPE_WEBHOOK_SECRET', secret: 'my-stripe-hook' },
    ];
    const results = await Promise.all(cases.map((c) => serveInProduction(c.env)));
    results.forEach((result, i) => {
      const { variable, secret } = cases[i]!;
      const what = `${JSON.stringify(cases[i]!.env)}: ${result.stderr}${result.stdout}`;
      expect(result.code, what).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines, what).toHaveLength(1);
      expect(lines[0], what).toMatch(new RegExp(`^waybill: configuration error: ${variable}: `));
      expect(result.stderr, what).not.toMatch(/\n\s+at |\.ts:\d+|Error:/);
      expect(result.stdout, what).toBe('');
      if (secret) expect(result.stderr, what).not.toContain(secret);
    });
  });
});

describe.each(testDialects())('production mode with strong secrets on %s', (dialect) => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('starts and answers', async () => {
    database = await createTestDatabase(dialect);
    server = await spawnServer({ NODE_ENV: 'production', DATABASE_URL: database.url, LOG_LEVEL: 'warn', WAYBILL_ADMIN_KEY: STRONG_KEY, WAYBILL_SIM_WEBHOOK_SECRET: STRONG_SIM });
    await waitReady(server);
    const res = await fetch(`${server.url}/api/v1/products`, { headers: { authorization: `Bearer ${STRONG_KEY}` } });
    expect(res.status, server.output()).toBe(200);
  });
});
