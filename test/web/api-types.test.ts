/**
 * "A drift breaks the build": the web app's API types (web/src/api/schema.d.ts) must be what the
 * server's routes generate now. After changing a route's schema, run `npm run gen:api`, commit the
 * new file, and fix what the web app's typecheck then finds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypesSource, SCHEMA_FILE } from '../../scripts/gen-api.js';

describe('web/src/api/schema.d.ts', () => {
  it('is what `npm run gen:api` makes of the server as it is', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const generated = await apiTypesSource();
    // One clear failure rather than a 19,000-line diff.
    if (generated !== committed) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const line = a.findIndex((text, i) => text !== b[i]);
      expect.fail(`schema.d.ts is out of date: run \`npm run gen:api\`. First difference at line ${line + 1}:\n- ${a[line]}\n+ ${b[line]}`);
    }
  });

  it('describes the routes the pages call, with their fields', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    for (const path of ['/api/v1/track/{token}', '/portal/auth/login', '/portal/auth/register', '/portal/auth/magic-link/verify', '/portal/auth/password-reset/confirm', '/portal/auth/verify-email', '/auth/login', '/portal/orders']) {
      expect(committed).toContain(`"${path}": {`);
    }
    expect(committed).toMatch(/primary_color: string;/);
    expect(committed).toMatch(/csrf_token: string;/);
  });
});
