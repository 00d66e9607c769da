/**
 * Security headers on every answer (issue 10): one request to every route of /openapi.json, and to
 * every page path, the built files, the API docs, the redirects, 404s, an answer sent before
 * routing, a live event stream and a PDF. Each must carry nosniff, DENY framing (also as CSP
 * frame-ancestors), a Referrer-Policy, Cross-Origin-Opener-Policy, a Content-Security-Policy (the
 * page policy on pages, load-nothing on the API), no X-Powered-By, and Strict-Transport-Security
 * exactly when the server is reached over https (WAYBILL_PUBLIC_URL). Without a build, the pages'
 * 503 answers (HTML and problem+json) carry them too.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PAGES = ['/track/tk_not_a_real_token_000000', '/account', '/account/orders', '/account/sign-in/link', '/admin', '/admin/orders'];

/** Just enough of a `vite build` for the server to serve pages and files (the real build is test/web's). */
function fakeWebBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'waybill-headers-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head><body></body></html>');
  writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), 'console.log("app");');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Waybill"}');
  return dir;
}

interface Seen {
  label: string;
  status: number;
  headers: Headers;
}

async function fetchHeaders(server: TestServer, label: string, method: string, path: string, headers: Record<string, string> = {}, body = '{}'): Promise<Seen> {
  const controller = new AbortController();
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const res = await fetch(server.url + path, {
    method,
    redirect: 'manual',
    signal: controller.signal,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
    body: hasBody ? body : undefined,
  });
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) controller.abort();
  else await res.arrayBuffer();
  return { label, status: res.status, headers: res.headers };
}

/** What is missing or wrong in one answer's headers. */
function problemsOf(seen: Seen, options: { https: boolean }): string[] {
  const h = seen.headers;
  const problems: string[] = [];
  const csp = h.get('content-security-policy') ?? '';
  if (h.get('x-content-type-options') !== 'nosniff') problems.push(`x-content-type-options ${h.get('x-content-type-options')}`);
  if (h.get('x-frame-options') !== 'DENY') problems.push(`x-frame-options ${h.get('x-frame-options')}`);
  if (!['no-referrer', 'same-origin'].includes(h.get('referrer-policy') ?? '')) problems.push(`referrer-policy ${h.get('referrer-policy')}`);
  if (h.get('cross-origin-opener-policy') !== 'same-origin') problems.push(`cross-origin-opener-policy ${h.get('cross-origin-opener-policy')}`);
  if (!csp.includes("frame-ancestors 'none'")) problems.push(`content-security-policy without frame-ancestors 'none': ${csp}`);
  if (h.has('x-powered-by')) problems.push(`x-powered-by ${h.get('x-powered-by')}`);
  const hsts = h.get('strict-transport-security');
  if (options.https && !/^max-age=\d{8,}/.test(hsts ?? '')) problems.push(`strict-transport-security ${hsts} (served over https)`);
  if (!options.https && hsts !== null) problems.push(`strict-transport-security ${hsts} (served over plain http)`);
  const type = h.get('content-type') ?? '';
  if (type.startsWith('text/html')) {
    // A page runs only its own scripts, whoever injects markup into it.
    const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? '';
    if (!/'self'|'none'/.test(scripts) || /unsafe-inline|unsafe-eval|\*/.test(scripts)) problems.push(`a page's script-src is "${scripts}"`);
  } else if (!/^(application\/pdf|image\/(?!svg))/.test(type) && !seen.label.startsWith('built file') && !seen.label.startsWith('docs') && !csp.includes("default-src 'none'")) {
    problems.push(`not a page, yet the CSP lets it load something: ${csp}`);
  }
  return problems.map((p) => `${seen.label} (${seen.status} ${type}): ${p}`);
}

function plausiblePath(path: string): string {
  return path.replace('{sku}', 'MUG').replace('{warehouse}', 'DAL').replace(/\{\w+\}/g, 'x1');
}

describe.each(testDialects())('security headers on %s', (dialect) => {
  let built: TestServer;
  let unbuilt: TestServer;
  let webDir: string;
  let emptyDir: string;

  beforeAll(async () => {
    webDir = fakeWebBuild();
    emptyDir = mkdtempSync(join(tmpdir(), 'waybill-headers-none-'));
    built = await startTestServer(dialect, { WAYBILL_WEB_DIR: webDir, WAYBILL_PUBLIC_URL: 'https://shop.example' });
    unbuilt = await startTestServer(dialect, { WAYBILL_WEB_DIR: emptyDir });
  });
  afterAll(async () => {
    await built?.close();
    await unbuilt?.close();
    rmSync(webDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('sends them on one request to every route of /openapi.json, whatever the answer', async () => {
    const doc = (await built.anonymous.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const problems: string[] = [];
    const statuses = new Set<number>();
    let count = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item).filter((m) => ['get', 'put', 'post', 'patch', 'delete'].includes(m))) {
        // The admin key: answers of every kind (2xx, 403 on customer routes, 404, 409, 422, streams).
        const seen = await fetchHeaders(built, `${method.toUpperCase()} ${path}`, method.toUpperCase(), plausiblePath(path), { authorization: `Bearer ${built.admin.key}` });
        statuses.add(seen.status);
        problems.push(...problemsOf(seen, { https: true }));
        count++;
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(100);
    for (const status of [200, 403, 404, 422]) expect(statuses, `some route answered ${status}`).toContain(status);
  });

  it('sends them on pages, built files, the API docs, redirects, 404s, refusals, a stream, a PDF and an answer sent before routing', async () => {
    await createWarehouse(built.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(built.admin, 'MUG');
    await addStock(built.admin, 'MUG', 'DAL', 5);
    const supplier = (await built.admin.post('/api/v1/suppliers', { name: 'Headers Supply', email: 'po@supply.example', lead_time_days: 2 })).body;
    const po = (await built.admin.post('/api/v1/purchase-orders', { supplier_id: supplier.id, warehouse: 'DAL', lines: [{ sku: 'MUG', quantity: 3 }] })).body;
    const admin = { authorization: `Bearer ${built.admin.key}` };
    const html = { accept: 'text/html,application/xhtml+xml' };

    const seen: Seen[] = [];
    for (const page of PAGES) seen.push(await fetchHeaders(built, `page ${page}`, 'GET', page, html));
    seen.push(await fetchHeaders(built, 'built file sw.js', 'GET', '/sw.js'));
    seen.push(await fetchHeaders(built, 'built file manifest', 'GET', '/manifest.webmanifest'));
    seen.push(await fetchHeaders(built, 'built file asset', 'GET', '/assets/app-1a2b3c.js'));
    seen.push(await fetchHeaders(built, 'docs page', 'GET', '/docs', html));
    seen.push(await fetchHeaders(built, 'docs json', 'GET', '/docs/json'));
    seen.push(await fetchHeaders(built, 'redirect /', 'GET', '/'));
    seen.push(await fetchHeaders(built, 'redirect of a moved link page', 'GET', '/portal/verify-email'));
    seen.push(await fetchHeaders(built, 'openapi', 'GET', '/openapi.json'));
    seen.push(await fetchHeaders(built, 'metrics', 'GET', '/metrics'));
    seen.push(await fetchHeaders(built, 'unknown path', 'GET', '/no-such-page', html));
    seen.push(await fetchHeaders(built, 'unknown API path', 'GET', '/api/v1/no-such-thing', admin));
    seen.push(await fetchHeaders(built, 'no credentials', 'GET', '/api/v1/orders'));
    seen.push(await fetchHeaders(built, 'a bad key', 'GET', '/api/v1/orders', { authorization: 'Bearer wb_not_a_key' }));
    seen.push(await fetchHeaders(built, 'malformed JSON', 'POST', '/api/v1/products', admin, '{"sku": '));
    seen.push(await fetchHeaders(built, 'before routing', 'GET', '/api/v1/orders/%E0%A4%A'));
    seen.push(await fetchHeaders(built, 'event stream', 'GET', '/api/v1/stream', admin));
    seen.push(await fetchHeaders(built, 'PDF', 'GET', `/api/v1/purchase-orders/${po.id}/pdf`, admin));

    const byLabel = new Map(seen.map((s) => [s.label, s]));
    expect(byLabel.get('event stream')!.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(byLabel.get('PDF')!.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(byLabel.get('before routing')!.status).toBe(400);
    expect(byLabel.get('page /account')!.headers.get('content-security-policy')).toContain("connect-src 'self'");
    // The service worker fetches under the policy it was served with: the page's, not load-nothing.
    expect(byLabel.get('built file sw.js')!.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(byLabel.get('docs page')!.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The browser's PDF viewer is a document of its own: a default-src would break it.
    expect(byLabel.get('PDF')!.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(seen.flatMap((s) => problemsOf(s, { https: true }))).toEqual([]);
  });

  it('sends them, without HSTS over plain http, on the 503s of pages that are not built', async () => {
    const seen: Seen[] = [];
    for (const page of PAGES) {
      seen.push(await fetchHeaders(unbuilt, `unbuilt page ${page} (html)`, 'GET', page, { accept: 'text/html' }));
      seen.push(await fetchHeaders(unbuilt, `unbuilt page ${page} (json)`, 'GET', page));
    }
    seen.push(await fetchHeaders(unbuilt, 'plain http API', 'GET', '/healthz'));
    for (const s of seen.filter((x) => x.label.startsWith('unbuilt'))) expect(s.status, s.label).toBe(503);
    expect(seen.flatMap((s) => problemsOf(s, { https: false }))).toEqual([]);
  });
});
