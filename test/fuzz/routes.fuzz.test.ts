/**
 * Fuzzing (issue 10, item 2): for every route of the server's own /openapi.json, WAYBILL_FUZZ_RUNS
 * (default 200) requests generated from its documented parameters and body — valid ones and
 * malformed ones (request-arbitrary.ts, schema-arbitrary.ts) — sent over HTTP by a principal
 * allowed to call it (principals.ts). Every answer must be below 500 and match the route's
 * documented response for its status (response-check.ts). Afterwards the process still answers,
 * the background jobs the requests caused run without dying, and stock, ledger and money
 * invariants hold (invariants.ts).
 *
 * A failure prints the route, the request (shrunk by fast-check) and the answer, and the seed:
 * WAYBILL_FUZZ_SEED=<seed> replays the same requests (WAYBILL_FUZZ_ROUTES=<regex> for only some routes).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { drainJobs } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserSession, cookieFrom, registerCustomer, signInCustomer, signInStaff, STAFF_PASSWORD, type CustomerSession } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { createShopObjects, realValuesFor, type ShopObjects } from '../support/shop-objects.js';
import { describeRequest, fuzzRoute, type RouteResult } from './fuzz-route.js';
import { deadJobs, moneyProblems, stockProblems } from './invariants.js';
import { operationsOf, type Operation } from './openapi-document.js';
import { credentialsFor, type Sessions } from './principals.js';
import { requestArbitrary } from './request-arbitrary.js';
import { ResponseChecker } from './response-check.js';
import { limited, skipped } from './route-notes.js';

const RUNS = Number(process.env.WAYBILL_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.WAYBILL_FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 8;
/** WAYBILL_FUZZ_ROUTES=<regex> fuzzes only the matching `METHOD /path` routes (to replay one; the full run fuzzes all). */
const ONLY = process.env.WAYBILL_FUZZ_ROUTES ? new RegExp(process.env.WAYBILL_FUZZ_ROUTES) : null;
const CUSTOMER_EMAIL = 'fuzz-customer@example.com';
const STAFF_EMAIL = 'fuzz-staff@shop.example';

/** Reads first, then writes, deletions, and sign-outs last, so that no request takes away what a later one names. */
function phase(operation: Operation): number {
  if (operation.path.endsWith('/logout')) return 3;
  if (operation.method === 'GET') return 0;
  return operation.method === 'DELETE' ? 2 : 1;
}

/** One seed per route, derived from the run's, so that one route's requests replay alone. */
function routeSeed(key: string): number {
  let hash = SEED;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function hints(objects: ShopObjects, receiver: WebhookReceiver): Record<string, fc.Arbitrary<unknown>> {
  return {
    sku: fc.constantFrom(...objects.skus),
    warehouse: fc.constantFrom(...objects.warehouses),
    order_id: fc.constantFrom(...objects.orderIds),
    supplier_id: fc.constantFrom(objects.supplierId),
    currency: fc.constantFrom('USD', 'EUR'),
    country: fc.constantFrom('US', 'DE'),
    provider: fc.constantFrom('test'),
    carrier: fc.constantFrom('sim'),
    url: fc.constantFrom(`${receiver.url}/fuzz-made`),
    email: fc.constantFrom(CUSTOMER_EMAIL, STAFF_EMAIL, 'someone@example.com'),
    password: fc.constantFrom(STAFF_PASSWORD, 'a quiet harbour at dawn', 'short'),
  };
}

function report(results: RouteResult[]): string[] {
  return results
    .filter((r) => r.failures.length > 0)
    .map((r) => {
      const first = r.shrunk ?? r.failures[0]!;
      return [
        `${r.key}: ${r.failures.length}/${r.sent} answers break the contract (seed ${SEED})`,
        `  shrunk: ${r.shrunk ? 'yes' : 'no (did not reproduce one at a time; the first failure as sampled)'}`,
        `  request: ${describeRequest(first.request)}`,
        `  problem: ${first.problem}`,
        `  answer:  ${first.answer}`,
        ...r.failures.slice(0, 3).map((f) => `  also: ${f.problem} ← ${describeRequest(f.request).slice(0, 300)}`),
      ].join('\n');
    });
}

describe.each(testDialects())('fuzzing every route on %s', (dialect) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let customer: CustomerSession;
  let sessions: Sessions;
  let objects: ShopObjects;
  let operations: Operation[];
  let checker: ResponseChecker;
  let fuzzed = false;

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_WEBHOOKS_ALLOW_PRIVATE: '1', ...UNEVENTFUL_SIM });
    receiver = await startWebhookReceiver(() => server.clock.now());
    customer = await registerCustomer(server, CUSTOMER_EMAIL);
    objects = await createShopObjects(server, { owner: customer }, receiver);
    // Signed in after the objects' simulated minutes, and one spare session of each kind to sign out.
    customer = await signInCustomer(server, CUSTOMER_EMAIL);
    const staff = await signInStaff(server, STAFF_EMAIL, 'admin');
    const staffLogin = await server.anonymous.post('/auth/login', { email: STAFF_EMAIL, password: STAFF_PASSWORD });
    expect(staffLogin.status, staffLogin.text).toBe(200);
    sessions = {
      customer,
      customerToSignOut: await signInCustomer(server, CUSTOMER_EMAIL),
      staff,
      staffToSignOut: browserSession(server, cookieFrom(staffLogin, 'wb_staff_session')!, staffLogin.body.csrf_token),
    };
    const document = await server.anonymous.get('/openapi.json');
    expect(document.status).toBe(200);
    operations = operationsOf(document.body).sort((a, b) => phase(a) - phase(b));
    checker = new ResponseChecker(document.body.components.schemas.Problem);
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('lists every route it does not fuzz fully, with the reason, and names only real routes', () => {
    const keys = new Set(operations.map((o) => o.key));
    expect([...Object.keys(skipped), ...Object.keys(limited)].filter((k) => !keys.has(k))).toEqual([]);
    expect(operations.length).toBeGreaterThan(100);
  });

  it(`answers ${RUNS} generated requests to every route without a 5xx, each as documented`, async () => {
    const context = {
      realPathValues: (_op: Operation, parameter: { name: string }, collection: string) => realValuesFor(objects, parameter.name, collection),
      hints: hints(objects, receiver),
    };
    const results: RouteResult[] = [];
    const started = Date.now();
    for (const operation of operations) {
      if (operation.key in skipped || (ONLY !== null && !ONLY.test(operation.key))) continue;
      results.push(
        await fuzzRoute({
          baseUrl: server.url,
          operation,
          arbitrary: requestArbitrary(operation, context),
          credentials: credentialsFor(operation, sessions),
          checker,
          runs: RUNS,
          seed: routeSeed(operation.key),
          concurrency: CONCURRENCY,
        }),
      );
      if (process.env.WAYBILL_FUZZ_VERBOSE) process.stderr.write(`${results.at(-1)!.key}: ${JSON.stringify(results.at(-1)!.statuses)} ${results.at(-1)!.failures.length} failing\n`);
    }
    fuzzed = true;
    const sent = results.reduce((n, r) => n + r.sent, 0);
    console.info(`fuzzing on ${dialect}: ${results.length} routes, ${sent} requests in ${Math.round((Date.now() - started) / 1000)} s (seed ${SEED})`);
    for (const r of results) expect(r.sent, r.key).toBe(RUNS);
    expect(report(results)).toEqual([]);
  }, 900_000);

  it('is still up afterwards, runs the jobs the requests caused without one dying, and keeps stock, ledger and money right', async () => {
    expect(fuzzed, 'the fuzzing ran').toBe(true);
    const health = await server.anonymous.get('/healthz');
    expect(health.status).toBe(200);
    for (let round = 0; round < 6; round++) {
      await drainJobs(server);
      server.clock.advance(60_000);
    }
    expect(await stockProblems(server.deps.db)).toEqual([]);
    expect(await moneyProblems(server.deps.db)).toEqual([]);
    expect(await deadJobs(server.deps.db)).toEqual([]);
    expect((await server.anonymous.get('/healthz')).status).toBe(200);
  }, 300_000);
});
