/** `GET /api/v1/jobs` (the queue and its dead letters) and `POST /api/v1/jobs/{id}/retry`. */
import { Type } from '@sinclair/typebox';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { decodeCursor, listOf, page, problemResponses } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { retryDeadJob } from './queue.js';

const JobSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('dead')]),
  attempts: Type.Integer(),
  max_attempts: Type.Integer(),
  run_at: Type.String(),
  last_error: Type.Union([Type.String(), Type.Null()]),
  dedupe_key: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Record(Type.String(), Type.Unknown()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('dead')])),
  type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

type JobRow = { id: string; type: string; state: string; attempts: number; max_attempts: number; run_at: string; last_error: string | null; dedupe_key: string | null; payload: string; created_at: string; updated_at: string };

function view(row: JobRow) {
  return {
    id: row.id,
    type: row.type,
    status: row.state as 'queued' | 'running' | 'done' | 'dead',
    attempts: Number(row.attempts),
    max_attempts: Number(row.max_attempts),
    run_at: row.run_at,
    last_error: row.last_error,
    dedupe_key: row.dedupe_key,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function jobRoutes(deps: { db: Db; clock: Clock }) {
  const tags = ['jobs'];
  return async (app: App) => {
    app.get(
      '/jobs',
      { config: { access: 'viewer' }, schema: { tags, summary: 'Background jobs, newest first; ?status=dead lists the dead letters', querystring: ListQuery, response: { 200: listOf(JobSchema), ...problemResponses } } },
      async (request) => {
        const q = request.query;
        const limit = q.limit ?? 50;
        let query = deps.db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(limit + 1);
        if (q.status !== undefined) query = query.where('state', '=', q.status);
        if (q.type !== undefined) query = query.where('type', '=', q.type);
        const before = decodeCursor(q.cursor);
        if (before !== undefined) query = query.where('id', '<', before);
        return page((await query.execute()).map(view), limit, (j) => j.id);
      },
    );

    app.post(
      '/jobs/:id/retry',
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Send a dead job back to the queue with a fresh set of attempts', params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: JobSchema, ...problemResponses } },
      },
      async (request) => {
        const id = request.params.id;
        if (!(await retryDeadJob(deps.db, id, deps.clock.now()))) {
          const row = await deps.db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst();
          if (!row) throw notFound(`Job ${id}`);
          throw new AppError('conflict', `Job ${id} is ${row.state}; only dead jobs can be retried`);
        }
        return view((await deps.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as JobRow);
      },
    );
  };
}
