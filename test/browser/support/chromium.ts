/**
 * Where the browser tests find Chromium: CHROMIUM_PATH when it is set (a deliberate choice wins),
 * else the `chromium` on PATH (Debian's package). Never a browser of Playwright's own: nothing here
 * downloads one. Without a browser the tests are skipped with a message on a developer's machine,
 * and fail in CI (CI=true), where a skipped suite would read as a passing one.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type ChromiumLookup = { found: true; path: string; from: 'CHROMIUM_PATH' | 'PATH' } | { found: false; reason: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `which chromium`, without a shell. */
function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (executable(candidate)) return candidate;
  }
  return null;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (executable(chosen)) return { found: true, path: chosen, from: 'CHROMIUM_PATH' };
    return { found: false, reason: `CHROMIUM_PATH is set to "${chosen}", which is not an executable file` };
  }
  const found = onPath('chromium', env.PATH);
  if (found !== null) return { found: true, path: found, from: 'PATH' };
  return {
    found: false,
    reason: 'no Chromium: `which chromium` finds nothing and CHROMIUM_PATH is not set. Install Debian\'s package (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary',
  };
}

/** True in CI, where a missing browser is a failure, not a skip. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}
