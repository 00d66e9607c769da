/**
 * The harness catches what it promises to: a console error, an uncaught page error and an
 * unexpected failed request are held against the test; axe-core's serious and critical findings fail
 * the check and are listed; a screenshot is a PNG on disk; a page visited is unchecked until
 * checkPage() has looked at it. Without these, a green browser run would prove little.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { axeCheck, browserSuite, checkPage, describeBrowser, eventually, expectNoPageErrors, screenshot, takePageErrors, uncheckedPages } from './support/browser.js';

describeBrowser('the browser-test harness', () => {
  const suite = browserSuite();

  it('holds console errors, uncaught errors and unexpected failed requests against the test', async () => {
    // A page of the web app (same origin, its page CSP lets scripts fetch from the server; an API
    // answer such as /healthz carries default-src 'none'), which the test only passes through.
    const expectHttpErrors = [{ status: 404, url: '/expected-to-be-missing' }];
    const page = await suite.newPage({ expectHttpErrors, passThrough: ['/account/harness'] });
    await page.goto(suite.url('/account/harness'));
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.evaluate(() => console.error('something broke'));
    await page.evaluate(() => setTimeout(() => { throw new Error('thrown later'); }, 0));
    await page.evaluate(async (base) => {
      await fetch(`${base}/expected-to-be-missing`);
      await fetch(`${base}/not-expected-to-be-missing`);
    }, suite.server.url);
    const seen = () => {
      try {
        expectNoPageErrors(page);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    await eventually(seen).toMatch(/something broke[^]*thrown later|thrown later[^]*something broke/);
    await eventually(seen).toMatch(/status of 404 .*not-expected-to-be-missing/);
    const errors = takePageErrors(page);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^console error on .*: something broke/),
        expect.stringMatching(/^uncaught error on .*thrown later/),
        expect.stringMatching(/^console error on .*status of 404 .*not-expected-to-be-missing/),
      ]),
    );
    expect(errors.filter((e) => /\/expected-to-be-missing/.test(e)), 'an expected failed request is no error').toEqual([]);
    expect(errors, errors.join('\n')).toHaveLength(3);
    expect(() => expectNoPageErrors(page)).not.toThrow();
    expect(uncheckedPages(page), 'a pass-through page needs no check').toEqual([]);
  });

  it('fails the axe check on serious or critical violations, listing them, and passes a clean page', async () => {
    const page = await suite.newPage();
    await page.setContent('<!doctype html><html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></body></html>');
    const failure = await axeCheck(page, 'harness-bad').then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/serious or critical violation/);
    for (const rule of ['image-alt', 'button-name', 'html-has-lang', 'document-title']) expect(failure).toContain(rule);
    expect(failure).toContain('img');

    await page.setContent('<!doctype html><html lang="en"><head><title>Clean</title></head><body><main><h1>Clean</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot"><button type="button">Go</button></main></body></html>');
    await expect(axeCheck(page, 'harness-clean')).resolves.toEqual(expect.any(Array));
  });

  it('saves screenshots as PNG files, and counts a visited page unchecked until checkPage has seen it', async () => {
    const page = await suite.newPage();
    await page.goto(suite.url('/account/sign-in'));
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(uncheckedPages(page)).toEqual(['/account/sign-in']);
    const file = await screenshot(page, 'harness: sign-in / raw');
    expect(file).toMatch(/test-artifacts\/screenshots\/harness-sign-in-raw\.png$/);
    expect(readFileSync(file).subarray(1, 4).toString('ascii')).toBe('PNG');
    await checkPage(page, 'harness-sign-in');
    expect(uncheckedPages(page)).toEqual([]);
  });
});
