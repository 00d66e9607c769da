/**
 * The browser-test harness: Debian's Chromium driven by playwright-core (never a browser of
 * Playwright's own), against a real Waybill test server that serves the built web app.
 *
 *   describeBrowser('the tracking page', () => {
 *     const suite = browserSuite();                 // a browser and a server for the file
 *     it('…', async () => {
 *       const page = await suite.newPage();         // a fresh context: no cookies, no storage
 *       await page.goto(suite.url('/track/…'));
 *       await checkPage(page, 'tracking');          // screenshot + axe check
 *     });
 *   });
 *
 * A test fails on any console error or uncaught page error of its pages (a failed request logs one:
 * a test that expects a 404 says so with `expectHttpErrors`), on a serious or critical axe-core
 * violation, and on a page it visited without checking it: every page visited gets a screenshot
 * (test-artifacts/screenshots/) and an axe check (every finding of it in test-artifacts/axe/).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestDialect } from '../../support/databases.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { findChromium, inCi } from './chromium.js';
import { AXE_DIR, SCREENSHOT_DIR } from './paths.js';

const chromiumLookup = findChromium();

/** Flags for a headless Chromium as root on a machine with a closed network (no calls home, no sandbox). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A phone: the narrowest width the web app must work at (issue 9, "Mobile"). */
export const MOBILE_VIEWPORT = { width: 375, height: 812 } as const;
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 } as const;

/**
 * A describe block that needs a browser. Without Chromium it is skipped with the reason in its name
 * (and once on stderr); in CI it fails instead, since a skip would pass for a green run.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (chromiumLookup.found) {
    describe(name, body);
    return;
  }
  const reason = chromiumLookup.reason;
  if (inCi()) {
    describe(name, () => {
      it('has a Chromium to run in', () => {
        throw new Error(`${reason}. CI=true: the browser tests must run, so a missing browser fails them`);
      });
    });
    return;
  }
  warnSkipped(reason);
  describe.skip(`${name} [skipped: ${reason}]`, body);
}

let warned = false;
function warnSkipped(reason: string): void {
  if (warned) return;
  warned = true;
  process.stderr.write(`\nBrowser tests SKIPPED: ${reason}.\n\n`);
}

export interface HttpErrorAllowance {
  status: number;
  /** The failing request's URL, or a pattern of it. */
  url: string | RegExp;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Failed requests the test expects (each logs "Failed to load resource" as a console error). */
  expectHttpErrors?: readonly HttpErrorAllowance[];
  /** Paths the test only passes through (a redirect page), exempt from the every-page check. */
  passThrough?: readonly (string | RegExp)[];
}

interface Watch {
  context: BrowserContext;
  errors: string[];
  visited: Set<string>;
  checked: Set<string>;
  options: PageOptions;
}

const watches = new WeakMap<Page, Watch>();

export interface BrowserSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** An absolute URL on the test server. */
  url(path: string): string;
  /** A page in a fresh browser context (its own cookies and storage), watched for errors. */
  newPage(options?: PageOptions): Promise<Page>;
}

export interface SuiteOptions {
  dialect?: TestDialect;
  /** Server environment (WAYBILL_SIM_*_SHARE, …), besides WAYBILL_WEB_DIR, which the harness sets. */
  env?: Record<string, string>;
}

/**
 * A Chromium and a Waybill test server for the enclosing describe block (started in beforeAll,
 * closed in afterAll), and after each test: its pages closed and their errors turned into a failure.
 */
export function browserSuite(options: SuiteOptions = {}): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let open: Page[] = [];

  beforeAll(async () => {
    const webDir = inject('webDir');
    if (!webDir) throw new Error(`no built web app for the browser tests: ${inject('webBuildError')}`);
    if (!chromiumLookup.found) throw new Error(chromiumLookup.reason);
    browser = await chromium.launch({ executablePath: chromiumLookup.path, headless: true, args: CHROMIUM_ARGS });
    server = await startTestServer(options.dialect ?? 'sqlite', { ...options.env, WAYBILL_WEB_DIR: webDir });
  });

  afterEach(async ({ task }) => {
    // A test that failed already stopped short of its checks: its unchecked pages are no news.
    const failed = task.result?.state === 'fail';
    const pages = open;
    open = [];
    const problems: string[] = [];
    for (const [index, page] of pages.entries()) {
      const watch = watches.get(page)!;
      // What the page showed when the test failed, beside the other screenshots.
      if (failed && !page.isClosed()) await screenshot(page, `FAILED ${task.name}${pages.length > 1 ? ` ${index + 1}` : ''}`).catch(() => undefined);
      // Closing first: what the page logs up to its end counts.
      await watch.context.close().catch(() => undefined);
      problems.push(...watch.errors);
      const unchecked = uncheckedPages(page);
      if (unchecked.length > 0 && !failed) problems.push(`visited without checkPage() (every page gets an axe check and a screenshot): ${unchecked.join(', ')}`);
    }
    if (problems.length > 0) throw new Error(`the browser saw problems:\n  ${problems.join('\n  ')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      if (server === undefined) throw new Error('the browser suite has not started (use it inside a test)');
      return server;
    },
    get browser() {
      if (browser === undefined) throw new Error('the browser suite has not started (use it inside a test)');
      return browser;
    },
    url(path: string) {
      return new URL(path, this.server.url).toString();
    },
    async newPage(pageOptions: PageOptions = {}) {
      const context = await this.browser.newContext({ viewport: pageOptions.viewport ?? DESKTOP_VIEWPORT, locale: 'en-US', timezoneId: 'UTC', serviceWorkers: 'allow' });
      context.setDefaultTimeout(20_000);
      context.setDefaultNavigationTimeout(30_000);
      const page = await context.newPage();
      const watch: Watch = { context, errors: [], visited: new Set(), checked: new Set(), options: pageOptions };
      watches.set(page, watch);
      open.push(page);
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (expectedHttpError(message, pageOptions.expectHttpErrors ?? [])) return;
        watch.errors.push(`console error on ${pathOf(page.url())}: ${message.text()}${locationOf(message)}`);
      });
      page.on('pageerror', (error) => watch.errors.push(`uncaught error on ${pathOf(page.url())}: ${error.stack ?? error.message}`));
      page.on('crash', () => watch.errors.push(`the page crashed on ${pathOf(page.url())}`));
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) return;
        const url = frame.url();
        if (url.startsWith('http')) watch.visited.add(pathOf(url));
      });
      return page;
    },
  };
}

function matchesAny(value: string, patterns: readonly (string | RegExp)[]): boolean {
  return patterns.some((p) => (typeof p === 'string' ? p === value : p.test(value)));
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function locationOf(message: ConsoleMessage): string {
  const { url, lineNumber } = message.location();
  return url ? ` (at ${url}${lineNumber ? `:${lineNumber}` : ''})` : '';
}

const FAILED_LOAD = /^Failed to load resource: the server responded with a status of (\d{3})/;

function expectedHttpError(message: ConsoleMessage, allowed: readonly HttpErrorAllowance[]): boolean {
  const failed = FAILED_LOAD.exec(message.text());
  if (!failed) return false;
  const status = Number(failed[1]);
  const { url } = message.location();
  return allowed.some((a) => a.status === status && (typeof a.url === 'string' ? url.includes(a.url) : a.url.test(url)));
}

/** The errors the page has logged so far, taken off it (the harness's own test uses this). */
export function takePageErrors(page: Page): string[] {
  const watch = watches.get(page);
  return watch ? watch.errors.splice(0) : [];
}

/** The paths the page has visited without checkPage(), less its pass-through paths. */
export function uncheckedPages(page: Page): string[] {
  const watch = watches.get(page);
  if (!watch) return [];
  return [...watch.visited].filter((path) => !watch.checked.has(path) && !matchesAny(path, watch.options.passThrough ?? []));
}

/** Fails now (not only after the test) when the page has logged an error: the failure names the page. */
export function expectNoPageErrors(page: Page): void {
  const watch = watches.get(page);
  if (watch && watch.errors.length > 0) throw new Error(`the browser saw problems:\n  ${watch.errors.join('\n  ')}`);
}

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core on the page as it is and fails on any serious or critical violation, listing each
 * with the elements it found. axe is evaluated over the DevTools protocol, which the page's
 * Content-Security-Policy (script-src 'self') does not govern, so the test runs under the same CSP
 * as a customer's browser (a <script> tag with axe inline would be refused by it).
 * Returns the minor and moderate violations, for a test that wants to look at them.
 */
export async function axeCheck(page: Page, name: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Strings, not functions: this file is type-checked without the DOM library (it is server-side code).
  const loaded = await page.evaluate("typeof window.axe !== 'undefined'");
  if (!loaded) await page.evaluate(axeSource);
  const violations = (await page.evaluate("window.axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)")) as AxeViolation[];
  // Every finding, the minor and moderate ones too, kept for a person to read (test-artifacts/axe/).
  if (violations.length > 0) {
    mkdirSync(AXE_DIR, { recursive: true });
    const kept = violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    writeFileSync(join(AXE_DIR, `${fileName(name)}.json`), `${JSON.stringify({ page: pathOf(page.url()), violations: kept }, null, 2)}\n`);
  }
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    const listed = blocking.map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`);
      const more = v.nodes.length > 5 ? [`      … and ${v.nodes.length - 5} more`] : [];
      return [`  ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})`, ...nodes, ...more].join('\n');
    });
    throw new Error(`axe-core found ${blocking.length} serious or critical violation(s) on "${name}" (${pathOf(page.url())}):\n${listed.join('\n')}`);
  }
  return violations.filter((v) => !blocking.includes(v));
}

function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A full-page PNG at test-artifacts/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${fileName(name)}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * What every page visited gets: no console error so far, a screenshot (taken first, so a failing
 * check still leaves its picture) and an axe check. Marks the page's path as checked.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  expectNoPageErrors(page);
  await screenshot(page, name);
  watches.get(page)?.checked.add(pathOf(page.url()));
  await axeCheck(page, name);
  expectNoPageErrors(page);
}

/** How wide the page's content is against the viewport (wider: it scrolls sideways). */
export async function widthsOf(page: Page): Promise<{ content: number; viewport: number }> {
  return (await page.evaluate('({ content: document.documentElement.scrollWidth, viewport: window.innerWidth })')) as { content: number; viewport: number };
}

/** Fails when the page scrolls sideways (its content is wider than the viewport). */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { content, viewport } = await widthsOf(page);
  expect(content, `${what} scrolls sideways at ${viewport} px wide`).toBeLessThanOrEqual(viewport);
}

/** expect.poll with a browser's patience (a page on a loaded two-core machine takes seconds, not the default one). */
export function eventually<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: 20_000, interval: 100, message });
}
