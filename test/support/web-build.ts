/**
 * A fresh build of the web app for a test: `vite build` into a temporary folder (about two seconds),
 * so the test checks the sources as they are, whatever dist/web holds. The server is then pointed
 * at it with WAYBILL_WEB_DIR.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface WebBuild {
  dir: string;
  remove(): void;
}

export function buildWebApp(): WebBuild {
  const dir = mkdtempSync(join(tmpdir(), 'waybill-web-'));
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`vite build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
