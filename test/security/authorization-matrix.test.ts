/**
 * The authorization matrix (issue 10): every route of /openapi.json × every kind of caller → the
 * answer access-matrix.ts says. A route without a row fails, and so does a row without a route.
 *
 * Callers: nobody, viewer / operator / admin API keys, an operator's browser session (cookie and
 * CSRF token), customer A (asking for customer B's objects) and customer B (asking for their own).
 * Paths name real objects (test/support/shop-objects.ts: customer B owns them). A refused caller must get the row's status and
 * code (401 unauthorized, 403 forbidden, or 404 not_found for another customer's object); an
 * allowed one, sending an empty body, anything but 401/403 and never a 5xx — and on a GET a 2xx,
 * which proves the objects are real (so that a refusal is about the caller, not a missing object).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { registerCustomer, signInStaff } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { accessMatrix, type MatrixRow } from './access-matrix.js';
import { concretePath, createShopObjects, type ShopObjects } from '../support/shop-objects.js';
import { customerPrincipal, expectedFor, isWrite, keyPrincipal, nobody, probe, staffSessionPrincipal, type Principal, type Probe } from './matrix-principals.js';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const A_EMAIL = 'matrix-a@example.com';
const B_EMAIL = 'matrix-b@example.com';
const STAFF_EMAIL = 'matrix-operator@shop.example';

interface Route {
  key: string;
  method: string;
  path: string;
  row: MatrixRow;
}

/** Reads come first, then writes, deletions, and last what ends a session, so that no request takes away what a later one names. */
function phase(route: Route): number {
  if (route.row.endsSession) return 3;
  if (route.method === 'GET') return 0;
  return route.method === 'DELETE' ? 2 : 1;
}

function routesOf(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
}

/** What is wrong with an answer, or null when it is what the row says. */
function mismatch(route: Route, principal: Principal, othersObject: boolean, answer: Probe): string | null {
  const expected = expectedFor(route.row.access, principal, othersObject);
  const got = `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
  if (answer.status >= 500) return `${got} (a 5xx is a bug): ${answer.text.slice(0, 200)}`;
  if (!expected.allowed) {
    return answer.status === expected.status && answer.code === expected.code ? null : `expected ${expected.status} ${expected.code}, got ${got}: ${answer.text.slice(0, 200)}`;
  }
  if (answer.status === 401 || answer.status === 403) return `expected to be let in, got ${got}: ${answer.text.slice(0, 200)}`;
  if (route.method === 'GET' && (answer.status < 200 || answer.status > 299)) return `expected a 2xx on a GET, got ${got}: ${answer.text.slice(0, 200)}`;
  return null;
}

describe.each(testDialects())('authorization matrix on %s', (dialect) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let objects: ShopObjects;
  let documented: string[];
  let customerA: Principal;
  let customerB: Principal;
  let staffSession: Principal;
  let principals: Principal[];

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_WEBHOOKS_ALLOW_PRIVATE: '1', ...UNEVENTFUL_SIM });
    receiver = await startWebhookReceiver(() => server.clock.now());
    const a = await registerCustomer(server, A_EMAIL);
    const b = await registerCustomer(server, B_EMAIL);
    objects = await createShopObjects(server, { owner: b, other: a }, receiver);
    await signInStaff(server, STAFF_EMAIL, 'operator');
    // Sessions signed in after the clock moved on (the objects took simulated minutes).
    customerA = await customerPrincipal(server, 'customer A', A_EMAIL);
    customerB = await customerPrincipal(server, 'customer B', B_EMAIL);
    staffSession = await staffSessionPrincipal(server, 'operator session', 'operator', STAFF_EMAIL);
    principals = [
      nobody(),
      customerA,
      customerB,
      staffSession,
      keyPrincipal('viewer key', 'viewer', server.viewer.key!),
      keyPrincipal('operator key', 'operator', server.operator.key!),
      keyPrincipal('admin key', 'admin', server.admin.key!),
    ];
    const spec = await server.anonymous.get('/openapi.json');
    expect(spec.status, spec.text).toBe(200);
    documented = routesOf(spec.body);
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  function routes(): Route[] {
    return documented
      .filter((key) => accessMatrix[key] !== undefined)
      .map((key) => {
        const [method, path] = key.split(' ') as [string, string];
        return { key, method, path, row: accessMatrix[key]! };
      })
      .sort((x, y) => phase(x) - phase(y));
  }

  it('has one row for every route of /openapi.json, and no row for a route that is gone', () => {
    const missing = documented.filter((key) => accessMatrix[key] === undefined);
    const stale = Object.keys(accessMatrix).filter((key) => !documented.includes(key));
    expect({ 'routes without a row in access-matrix.ts': missing, 'rows without a route': stale }).toEqual({ 'routes without a row in access-matrix.ts': [], 'rows without a route': [] });
    expect(documented.length).toBeGreaterThan(100);
  });

  it("refuses a browser session's write without its CSRF token (403) on every route the session may write", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes()) {
      if (!isWrite(route.method) || route.row.access === 'public' || route.row.access === 'webhook') continue;
      for (const session of [staffSession, customerB]) {
        if (!expectedFor(route.row.access, session, false).allowed) continue;
        const answer = await probe(server, session, route.method, concretePath(objects, route.key, route.path), { withoutCsrf: true, body: route.row.body });
        checked++;
        if (answer.status !== 403 || answer.code !== 'forbidden') failures.push(`${route.key} as ${session.name} without x-csrf-token: expected 403 forbidden, got ${answer.status} ${answer.code}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('answers every route for every caller as its row says', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes()) {
      const path = concretePath(objects, route.key, route.path);
      for (const principal of principals) {
        // Customer objects in the path are B's: A is the other customer, B the owner.
        const othersObject = route.row.owns !== undefined && principal === customerA;
        const answer = await probe(server, principal, route.method, path, { body: route.row.body });
        checked++;
        const wrong = mismatch(route, principal, othersObject, answer);
        if (wrong !== null) failures.push(`${route.key} as ${principal.name}: ${wrong}`);
      }
      if (route.row.endsSession) for (const principal of principals) await principal.signIn?.();
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(documented.length * principals.length);
  });
});
