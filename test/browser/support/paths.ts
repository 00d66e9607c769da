/** Where the browser tests keep what they leave behind (test-artifacts/ is gitignored; CI keeps it). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-artifacts', 'screenshots');
export const AXE_DIR = join(REPO_ROOT, 'test-artifacts', 'axe');
