import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import type { Db } from '../db/database.js';
import { isMigrated } from '../db/migrate.js';
import type { App } from './types.js';

const Health = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

/** /healthz: the process answers. /readyz: the database answers and every migration is applied. */
export function healthRoutes(db: Db) {
  return async (app: App) => {
    app.get('/healthz', { config: { access: 'public' }, schema: { tags: ['operations'], summary: 'Process is up', response: { 200: Health } } }, async () => ({ status: 'ok' }));
    app.get(
      '/readyz',
      { config: { access: 'public' }, schema: { tags: ['operations'], summary: 'Database reachable and migrated', response: { 200: Health, 503: Health } } },
      async (_request, reply) => {
        let database = 'ok';
        let migrations = 'ok';
        try {
          await sql`select 1`.execute(db);
          if (!(await isMigrated(db))) migrations = 'pending';
        } catch {
          database = 'unreachable';
          migrations = 'unknown';
        }
        const ready = database === 'ok' && migrations === 'ok';
        return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: { database, migrations } });
      },
    );
  };
}
