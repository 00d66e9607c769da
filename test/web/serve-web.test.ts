/**
 * The server serves the built web app (src/platform/http/web-app.routes.ts): index.html for every
 * page path, hashed assets with a year's cache, the PWA's manifest, icons and service worker; the
 * JSON API is untouched; and without a build the pages answer a clear 503 instead of crashing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestServer, type TestServer } from '../support/server.js';
import { buildWebApp, type WebBuild } from '../support/web-build.js';

const PAGES = ['/track/tk_not_a_real_token_000000', '/account', '/account/', '/account/sign-in', '/account/sign-in/link', '/account/verify-email', '/account/reset-password', '/account/orders', '/admin', '/admin/sign-in'];

describe('the built web app', () => {
  let build: WebBuild;
  let server: TestServer;

  beforeAll(async () => {
    build = buildWebApp();
    server = await startTestServer('sqlite', { WAYBILL_WEB_DIR: build.dir });
  });
  afterAll(async () => {
    await server?.close();
    build?.remove();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers, redirect: 'manual' });

  it('answers index.html for every page path, never cached, with the page security headers', async () => {
    for (const path of PAGES) {
      const res = await get(path, { accept: 'text/html' });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      const html = await res.text();
      expect(html, path).toContain('<div id="root"></div>');
      expect(html, path).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    }
  });

  it('sends / to the portal, and the old email-link pages to their new place', async () => {
    const root = await get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/account');
    for (const page of ['verify-email', 'sign-in/link', 'reset-password']) {
      const moved = await get(`/portal/${page}`);
      expect(moved.status, page).toBe(301);
      expect(moved.headers.get('location')).toBe(`/account/${page}`);
    }
  });

  it('serves the hashed assets with a year-long immutable cache', async () => {
    const html = await (await get('/account')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const res = await get(asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type'), asset).toMatch(asset.endsWith('.js') ? /javascript/ : /text\/css/);
    }
    expect((await get('/assets/not-there.js')).status).toBe(404);
    // Compressed copies for browsers that take them (node's fetch decodes the body again).
    const script = assets.find((a) => a.endsWith('.js'))!;
    const plain = await (await get(script)).text();
    for (const encoding of ['br', 'gzip']) {
      const res = await get(script, { 'accept-encoding': encoding });
      expect(res.headers.get('content-encoding'), encoding).toBe(encoding);
      expect(res.headers.get('content-type'), encoding).toMatch(/javascript/);
      expect(res.headers.get('vary'), encoding).toMatch(/accept-encoding/i);
      expect(await res.text(), encoding).toBe(plain);
    }
  });

  it('serves the PWA: a manifest scoped to the portal, its icons, and a service worker that caches the shell', async () => {
    const res = await get('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/manifest\+json|application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const manifest = JSON.parse(await res.text());
    expect(manifest).toMatchObject({ start_url: '/account/', scope: '/account/', display: 'standalone' });
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons as Array<{ src: string; type: string }>) {
      const file = await get(icon.src);
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type'), icon.src).toContain(icon.type);
      if (icon.type === 'image/png') expect(Buffer.from(await file.arrayBuffer()).subarray(1, 4).toString('ascii')).toBe('PNG');
    }

    const sw = await get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const source = await sw.text();
    const html = await (await get('/account')).text();
    const entry = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)![1]!;
    expect(source).toContain(JSON.stringify(entry));
    expect(source).not.toContain('__WAYBILL_PRECACHE__');
    expect(source).toContain("'/account/'");
    expect((await get('/favicon.svg')).headers.get('content-type')).toMatch(/image\/svg\+xml/);
  });

  it('leaves the JSON API alone: /portal/* and /api/* still answer problem+json', async () => {
    const orders = await get('/portal/orders', { accept: 'text/html' });
    expect(orders.status).toBe(401);
    expect(orders.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const missing = await get('/api/v1/no-such-thing', { authorization: `Bearer ${ADMIN_KEY}` });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const spec = (await (await get('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths).filter((p) => /^\/(track|account|admin|assets)\b|^\/$/.test(p))).toEqual([]);
  });
});

describe('without a built web app', () => {
  let server: TestServer;
  let empty: string;

  beforeAll(async () => {
    empty = mkdtempSync(join(tmpdir(), 'waybill-no-web-'));
    server = await startTestServer('sqlite', { WAYBILL_WEB_DIR: empty });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(empty, { recursive: true, force: true });
  });

  it('answers the pages with 503: problem+json for a client, a short HTML note for a browser', async () => {
    for (const path of ['/account', '/admin/sign-in', '/track/abc']) {
      const json = await fetch(server.url + path);
      expect(json.status, path).toBe(503);
      expect(json.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await json.json()).toMatchObject({ status: 503, code: 'service_unavailable', detail: expect.stringContaining('npm run build') });
      const html = await fetch(server.url + path, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(html.status, path).toBe(503);
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await html.text()).toContain('npm run build');
    }
    expect((await fetch(`${server.url}/`, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
