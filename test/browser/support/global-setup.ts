/**
 * Once per browser-test run, before any test file: a fresh build of the web app (the sources as they
 * are, whatever dist/web holds) unless WAYBILL_BROWSER_WEB_DIR names a build to use (CI passes
 * dist/web, which `npm run build` has just made), and empty artifact folders, so what is left in
 * test-artifacts/screenshots and test-artifacts/axe after a run is that run's. A failed build is handed to the
 * tests, which fail with its output (counted as failures, not lost as a crashed run).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWebApp, type WebBuild } from '../../support/web-build.js';
import { findChromium, inCi } from './chromium.js';
import { AXE_DIR, SCREENSHOT_DIR } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built web app the test servers serve (WAYBILL_WEB_DIR), or '' when there is none. */
    webDir: string;
    /** Why there is no build, when there is none. */
    webBuildError: string;
  }
}

export default function setup(project: TestProject) {
  for (const dir of [SCREENSHOT_DIR, AXE_DIR]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  let build: WebBuild | null = null;
  let dir = '';
  let error = '';
  const given = process.env.WAYBILL_BROWSER_WEB_DIR;
  if (!findChromium().found && !inCi()) {
    error = 'no browser, so no build';
  } else if (given) {
    dir = resolve(given);
    if (!existsSync(join(dir, 'index.html'))) {
      error = `WAYBILL_BROWSER_WEB_DIR is ${dir}, which holds no index.html: run \`npm run build\` first`;
      dir = '';
    }
  } else {
    try {
      build = buildWebApp();
      dir = build.dir;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
  }
  project.provide('webDir', dir);
  project.provide('webBuildError', error);
  return () => build?.remove();
}
