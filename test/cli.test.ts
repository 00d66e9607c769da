/**
 * The `waybill` command line, run as a real process: help texts, one-line configuration errors with
 * a non-zero exit, and API keys made by `keys create` that the server then accepts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from './support/databases.js';
import { Client } from './support/http.js';
import { expectProblem } from './support/problems.js';
import { startTestServer, type TestServer } from './support/server.js';

const root = new URL('..', import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with only the given Waybill settings (none inherited from the test's own environment). */
function waybill(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(WAYBILL_|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$|NODE_OPTIONS$)/.test(name)),
  );
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { ...inherited, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// Each run starts a Node process; the independent ones run side by side (assertions through the
// test's own `expect`, as concurrent tests need).
describe.concurrent('waybill help', () => {
  it.for([
    [['--help'], /Usage: waybill \[options\] \[command\]/, ['serve', 'worker', 'migrate', 'keys', 'demo']],
    [['serve', '--help'], /Usage: waybill serve/, ['--seed-demo']],
    [['keys', '--help'], /Usage: waybill keys/, ['create', 'list', 'revoke']],
    [['keys', 'create', '--help'], /Usage: waybill keys create/, ['--role', 'admin', 'operator', 'viewer']],
    [['migrate', '--help'], /Usage: waybill migrate/, ['migrations']],
    [['worker', '--help'], /Usage: waybill worker/, []],
    [['demo', '--help'], /Usage: waybill demo/, []],
  ] as Array<[string[], RegExp, string[]]>)('%j prints usage and exits 0', async ([args, usage, mentions], { expect }) => {
    const run = await waybill(args);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(usage);
    for (const word of mentions) expect(run.stdout).toContain(word);
    expect(run.stderr).toBe('');
  });

  it('refuses an unknown command or a missing required option with exit 1', async ({ expect }) => {
    const [unknown, noRole, badRole] = await Promise.all([waybill(['bogus']), waybill(['keys', 'create']), waybill(['keys', 'create', '--role', 'superuser'])]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'bogus'");
    expect(noRole.code).toBe(1);
    expect(noRole.stderr).toContain('--role');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/superuser.*(invalid|choices)|(invalid|choices).*superuser/s);
  });
});

describe.concurrent('configuration errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'waybill-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.for([
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['WAYBILL_ADMIN_KEY', { WAYBILL_ADMIN_KEY: 'short' }],
    ['WAYBILL_WORKER', { WAYBILL_WORKER: 'maybe' }],
  ] as Array<[string, Record<string, string>]>)('a bad %s stops `migrate` with one line on stderr naming it', async ([variable, env], { expect }) => {
    const run = await waybill(['migrate'], { DATABASE_URL: join(dir, 'w.db'), ...env });
    expect(run.code).not.toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(lines[0]).not.toMatch(/\bat\s.*:\d+/);
    expect(run.stdout).toBe('');
  });
});

describe.each(testDialects())('waybill migrate and keys on %s', (dialect) => {
  let database: TestDatabase;
  let server: TestServer | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('migrates, then reports the database up to date', async () => {
    const first = await waybill(['migrate'], { DATABASE_URL: database.url });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^applied: /);
    const second = await waybill(['migrate'], { DATABASE_URL: database.url });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('database is up to date\n');
  });

  it('prints a key from `keys create` that the server accepts with its role', async () => {
    const created = await waybill(['keys', 'create', '--role', 'operator', '--name', 'integration'], { DATABASE_URL: database.url });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^wb_[A-Za-z0-9_-]{32}\n$/);
    expect(created.stderr).toMatch(/^created operator key key_\S+ \(integration\)\n$/);
    const key = created.stdout.trim();

    server = await startTestServer(dialect, {}, database);
    const operator = new Client(server.url, key);
    const products = await operator.get('/api/v1/products');
    expect(products.status, products.text).toBe(200);
    const product = await operator.post('/api/v1/products', { sku: 'CLI-1', name: 'made with a CLI key', unit_price: 1, currency: 'USD' });
    expect(product.status, product.text).toBe(201);
    expectProblem(await operator.post('/api/v1/warehouses', {}), 403, 'forbidden');

    const listed = await waybill(['keys', 'list'], { DATABASE_URL: database.url });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/\toperator\twb_\S{4}…\tintegration\tactive\n/);
    expect(listed.stdout).not.toContain(key);
  });

  it('revokes a key so that the server refuses it', async () => {
    const created = await waybill(['keys', 'create', '--role', 'viewer'], { DATABASE_URL: database.url });
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    const id = /key (key_\S+)/.exec(created.stderr)![1]!;
    const revoked = await waybill(['keys', 'revoke', id], { DATABASE_URL: database.url });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe(`revoked ${id}\n`);
    expectProblem(await new Client(server!.url, key).get('/api/v1/products'), 401, 'unauthorized');

    const again = await waybill(['keys', 'revoke', id], { DATABASE_URL: database.url });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(`no active key ${id}\n`);
  });
});
