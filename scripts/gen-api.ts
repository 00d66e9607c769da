/**
 * Generates the web app's API types (web/src/api/schema.d.ts) from the server's OpenAPI document:
 * builds the app without listening, takes app.swagger() and turns it into TypeScript with
 * openapi-typescript. `npm run gen:api` writes the file; `--check` (part of `npm run build`) fails
 * when the committed file differs, so that a route schema change the web app was not regenerated
 * for breaks the build. The environment is fixed here, not read from the shell, so that the
 * document (and the file) is the same on every machine.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';

/** The package root, found by walking up to package.json: this file runs from scripts/ (tsx) and dist/scripts/ (the build). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const SCHEMA_FILE = join(packageRoot(), 'web', 'src', 'api', 'schema.d.ts');

const HEADER = `/**
 * Generated from the server's GET /openapi.json by \`npm run gen:api\` (scripts/gen-api.ts): do not
 * edit. \`npm run build\` and test/web/api-types.test.ts fail when it differs from the server's routes.
 */

`;

/** The OpenAPI document of the app as built with a fixed, minimal environment. */
export async function openApiDocument(): Promise<OpenAPI3> {
  const dir = mkdtempSync(join(tmpdir(), 'waybill-gen-api-'));
  const config = loadConfig({ DATABASE_URL: join(dir, 'waybill.db'), LOG_LEVEL: 'silent', WAYBILL_WEB_DIR: join(dir, 'web') });
  const deps = createDeps(config, { logger: pino({ level: 'silent' }) });
  try {
    const app = await buildApp(deps);
    await app.ready();
    const document = app.swagger() as unknown as OpenAPI3;
    await app.close();
    return document;
  } finally {
    await deps.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of schema.d.ts for the server as it is now. */
export async function apiTypesSource(): Promise<string> {
  const ast = await openapiTS(await openApiDocument(), { alphabetize: false });
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  const generated = await apiTypesSource();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing: reported below like any difference
    }
    if (committed !== generated) {
      process.stderr.write('web/src/api/schema.d.ts is out of date with the server\'s routes: run `npm run gen:api` and commit the result\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(SCHEMA_FILE, generated);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
