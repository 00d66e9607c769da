/**
 * API keys managed from the admin (`/api/v1/api-keys`, admin only), as `waybill keys create | list
 * | revoke` does. The secret is in the creating answer only: the database keeps its SHA-256, and an
 * Idempotency-Key replay of the create answers the same key's record with `key: null` rather than
 * keeping the secret in the idempotency table for a day.
 */
import { Type } from '@sinclair/typebox';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { Ids } from '../ids.js';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, type ApiKeyRecord } from './api-keys.js';
import type { ApiKeyCache } from './auth.js';
import { replyIdempotentFlow } from './idempotency.js';
import { listOf, problemResponses } from './schemas.js';
import type { App } from './types.js';

const tags = ['api keys'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const RoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('operator'), Type.Literal('admin')]);

const keyFields = {
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  prefix: Type.String({ description: 'The first characters of the key, to tell keys apart' }),
  created_at: Type.String(),
  revoked_at: Nullable(Type.String()),
};

const ApiKeySchema = Type.Object(keyFields, { $id: 'ApiKey' });
const CreatedApiKeySchema = Type.Object({
  ...keyFields,
  key: Nullable(Type.String({ description: 'The secret, shown in this answer only (null in an Idempotency-Key replay: it is not kept)' })),
});
const CreateApiKeyBody = Type.Object(
  { role: RoleSchema, name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);
const KeyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export interface ApiKeyRouteDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  /** The auth hook's cache, cleared at each revocation so that the key stops at once. */
  keyCache: ApiKeyCache;
}

function recordView(record: ApiKeyRecord) {
  return { id: record.id, name: record.name, role: record.role, prefix: record.prefix, created_at: record.created_at, revoked_at: record.revoked_at };
}

export function apiKeyRoutes(deps: ApiKeyRouteDeps) {
  return async (app: App) => {
    app.get(
      '/api-keys',
      { config: { access: 'admin' }, schema: { tags, summary: 'Every API key, revoked ones too (never the key itself)', response: { 200: listOf(ApiKeySchema), ...problemResponses } } },
      async () => ({ data: (await listApiKeys(deps.db)).map(recordView), next_cursor: null }),
    );

    app.post(
      '/api-keys',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Create an API key; the answer is the only place its secret is shown',
          description: 'Honours Idempotency-Key: a replay answers the same key (no second one is made) with `key: null`, since the secret is never stored.',
          body: CreateApiKeyBody,
          response: { 201: CreatedApiKeySchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        replyIdempotentFlow(deps, request, reply, 'POST /api-keys', (steps) =>
          steps.finish(
            async (trx) => {
              const { key, record } = await createApiKey(trx, deps, { role: request.body.role, name: request.body.name ?? 'unnamed' });
              return { status: 201, body: { ...recordView(record), key } };
            },
            (answer) => ({ status: answer.status, body: { ...(answer.body as object), key: null } }),
          ),
        ),
    );

    app.delete(
      '/api-keys/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Revoke an API key: it answers 401 from now on',
          description: 'Revoking a revoked key answers 204 again; an unknown id 404. Other server processes stop accepting it within 5 seconds.',
          params: KeyParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const found = await findApiKey(deps.db, request.params.id);
        if (found === null) throw notFound(`API key ${request.params.id}`);
        await revokeApiKey(deps.db, found.id, deps.clock.now());
        deps.keyCache.clear();
        return reply.code(204).send(null);
      },
    );
  };
}
