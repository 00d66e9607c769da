/**
 * Idempotency-Key for creating POSTs (API.md): scoped to (principal, route, key), kept 24 hours.
 *
 * A key is first claimed in its own small transaction (state `in_flight`, with a lock token), so
 * that a concurrent replay can answer 409 at once. The response is then stored in the SAME
 * transaction as the work, guarded by the lock token: an order and the record of its key commit
 * together or not at all, and a request whose claim was taken over after it stalled cannot commit.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { isoTime } from '../clock.js';
import { isUniqueViolation, transactionWithRetry, type Db, type Trx } from '../db/database.js';
import { AppError } from '../errors.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalLabel } from './auth.js';
import { problemOf, statusOf } from './errors.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim older than this whose request never finished (a crashed process) may be taken over. */
export const IDEMPOTENCY_LOCK_MS = 60 * 1000;

export interface IdempotentResult {
  status: number;
  body: unknown;
  replayed: boolean;
}

export interface IdempotencyScope {
  principal: string;
  route: string;
  key: string | undefined;
  body: unknown;
  /**
   * The request URL, which the error handler puts in a problem's `instance`: a stored refusal must
   * carry it too, or its replay would not be the same body that the first answer had.
   */
  instance?: string;
}

/** Canonical JSON: object keys sorted, so that {"a":1,"b":2} and {"b":2,"a":1} are the same body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function validateIdempotencyKey(key: unknown): string | undefined {
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
      errors: [{ path: 'headers.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' }],
    });
  }
  return key;
}

/** Codes whose answer is final for this request body, so a replay must get the same answer. */
const storedFailures = new Set(['insufficient_stock', 'validation_failed', 'payment_declined', 'conflict', 'not_found', 'invalid_transition']);

export interface IdempotentAnswer {
  status: number;
  body: unknown;
}

/**
 * The transactions of one idempotent request. Most requests need only `finish`; a request that must
 * call out between two transactions (a payment authorization) runs `begin` first.
 */
export interface IdempotentSteps {
  /**
   * A transaction whose effect a replay must never repeat: the key is linked to what it created
   * (`resourceOf`) in the same transaction, so that a request cut off after it is resumed by its
   * replay (see `resume`) instead of being done twice.
   */
  begin<T>(work: (trx: Trx) => Promise<T>, resourceOf: (result: T) => string): Promise<T>;
  /**
   * The last transaction: its answer is stored with it, guarded by the key's lock token. `stored`
   * gives what a replay gets instead, when the answer holds a secret that must not be kept (a new
   * API key is shown once; the database holds only its hash).
   */
  finish(work: (trx: Trx) => Promise<IdempotentAnswer>, stored?: (answer: IdempotentAnswer) => IdempotentAnswer): Promise<IdempotentAnswer>;
}

/**
 * Runs `flow` under the scope's Idempotency-Key (or plainly when there is none). `resume` answers a
 * replay whose first request committed `begin` and then died: it gets the linked resource's id.
 */
export async function runIdempotentFlow(
  deps: { db: Db; clock: Clock },
  scope: IdempotencyScope,
  flow: (steps: IdempotentSteps) => Promise<IdempotentAnswer>,
  resume?: (resourceId: string) => Promise<IdempotentAnswer>,
): Promise<IdempotentResult> {
  const { db, clock } = deps;
  if (scope.key === undefined) {
    const plain: IdempotentSteps = { begin: (work) => transactionWithRetry(db, work), finish: (work) => transactionWithRetry(db, work) };
    return { ...(await flow(plain)), replayed: false };
  }
  const where = { principal: scope.principal, route: scope.route, key: scope.key };
  const requestHash = createHash('sha256').update(canonical(scope.body)).digest('hex');

  const claim = await claimKey(db, clock, where, requestHash);
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };

  const lockToken = claim.lockToken;
  const keyRow = (trx: Trx | Db) =>
    trx
      .updateTable('idempotency_keys')
      .where('principal', '=', where.principal)
      .where('route', '=', where.route)
      .where('key', '=', where.key)
      .where('lock_token', '=', lockToken);
  const store = async (trx: Trx | Db, answer: IdempotentAnswer) => {
    const stored = await keyRow(trx).set({ state: 'done', response_status: answer.status, response_body: JSON.stringify(answer.body) }).executeTakeFirst();
    if (stored.numUpdatedRows === 0n) {
      throw new AppError('idempotency_key_in_use', 'This request took too long and its Idempotency-Key was taken over; retry');
    }
  };

  if (claim.resourceId !== null && resume !== undefined) {
    const answer = await resume(claim.resourceId);
    await store(db, answer);
    return { ...answer, replayed: true };
  }

  let linked = false;
  const steps: IdempotentSteps = {
    begin: async (work, resourceOf) => {
      const result = await transactionWithRetry(db, async (trx) => {
        const created = await work(trx);
        const link = await keyRow(trx).set({ resource_id: resourceOf(created) }).executeTakeFirst();
        if (link.numUpdatedRows === 0n) throw new AppError('idempotency_key_in_use', 'This request took too long and its Idempotency-Key was taken over; retry');
        return created;
      });
      linked = true;
      return result;
    },
    finish: (work, stored) =>
      transactionWithRetry(db, async (trx) => {
        const answer = await work(trx);
        await store(trx, stored ? stored(answer) : answer);
        return answer;
      }),
  };
  try {
    return { ...(await flow(steps)), replayed: false };
  } catch (error) {
    if (error instanceof AppError && storedFailures.has(error.code)) {
      await store(db, { status: statusOf[error.code], body: problemOf(error, scope.instance) });
    } else if (linked) {
      // Something was created: the key must keep pointing at it. Unlock it at once, so that the
      // client's retry resumes that resource rather than waiting for the lock to go stale.
      await keyRow(db)
        .set({ locked_at: isoTime(new Date(0)) })
        .execute()
        .catch(() => undefined);
    } else {
      // Nothing was done: free the key so that the client's retry runs the request again.
      await db
        .deleteFrom('idempotency_keys')
        .where('principal', '=', where.principal)
        .where('route', '=', where.route)
        .where('key', '=', where.key)
        .where('lock_token', '=', lockToken)
        .execute()
        .catch(() => undefined);
    }
    throw error;
  }
}

/** One transaction under the key: the work and its stored answer commit together or not at all. */
export async function runIdempotent(
  deps: { db: Db; clock: Clock },
  scope: IdempotencyScope,
  work: (trx: Trx) => Promise<IdempotentAnswer>,
): Promise<IdempotentResult> {
  return runIdempotentFlow(deps, scope, (steps) => steps.finish(work));
}

type Claim = { kind: 'claimed'; lockToken: string; resourceId: string | null } | { kind: 'replay'; status: number; body: unknown };

async function claimKey(
  db: Db,
  clock: Clock,
  where: { principal: string; route: string; key: string },
  requestHash: string,
): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clock.now();
    const lockToken = randomUUID();
    try {
      await db
        .insertInto('idempotency_keys')
        .values({
          ...where,
          request_hash: requestHash,
          state: 'in_flight',
          lock_token: lockToken,
          locked_at: isoTime(now),
          response_status: null,
          response_body: null,
          created_at: isoTime(now),
          expires_at: isoTime(new Date(now.getTime() + IDEMPOTENCY_TTL_MS)),
        })
        .execute();
      return { kind: 'claimed', lockToken, resourceId: null };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('principal', '=', where.principal)
      .where('route', '=', where.route)
      .where('key', '=', where.key)
      .executeTakeFirst();
    if (!existing) continue; // released between our insert and read: claim again
    if (existing.expires_at <= isoTime(now)) {
      await db
        .deleteFrom('idempotency_keys')
        .where('principal', '=', where.principal)
        .where('route', '=', where.route)
        .where('key', '=', where.key)
        .where('lock_token', '=', existing.lock_token)
        .execute();
      continue;
    }
    if (existing.request_hash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body');
    }
    if (existing.state === 'done') {
      return { kind: 'replay', status: existing.response_status ?? 200, body: JSON.parse(existing.response_body ?? 'null') };
    }
    const stale = new Date(now.getTime() - IDEMPOTENCY_LOCK_MS);
    if (existing.locked_at > isoTime(stale)) {
      throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed');
    }
    const taken = await db
      .updateTable('idempotency_keys')
      .set({ lock_token: lockToken, locked_at: isoTime(now) })
      .where('principal', '=', where.principal)
      .where('route', '=', where.route)
      .where('key', '=', where.key)
      .where('lock_token', '=', existing.lock_token)
      .executeTakeFirst();
    if (taken.numUpdatedRows > 0n) return { kind: 'claimed', lockToken, resourceId: existing.resource_id ?? null };
  }
  throw new AppError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed');
}

/**
 * Runs a creating POST under its Idempotency-Key header and sends the (possibly replayed) answer.
 * `route` names the operation; the key is scoped to it and to the caller.
 */
export async function replyIdempotent(
  deps: { db: Db; clock: Clock },
  request: FastifyRequest,
  reply: FastifyReply,
  route: string,
  work: (trx: Trx) => Promise<IdempotentAnswer>,
): Promise<FastifyReply> {
  return replyIdempotentFlow(deps, request, reply, route, (steps) => steps.finish(work));
}

/** replyIdempotent for a request of several steps (runIdempotentFlow). */
export async function replyIdempotentFlow(
  deps: { db: Db; clock: Clock },
  request: FastifyRequest,
  reply: FastifyReply,
  route: string,
  flow: (steps: IdempotentSteps) => Promise<IdempotentAnswer>,
  resume?: (resourceId: string) => Promise<IdempotentAnswer>,
): Promise<FastifyReply> {
  const key = validateIdempotencyKey(request.headers['idempotency-key']);
  const scope = { principal: principalLabel(request.principal), route, key, body: request.body, instance: request.url };
  const result = await runIdempotentFlow(deps, scope, flow, resume);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  if (result.status >= 400) void reply.type('application/problem+json');
  return reply.code(result.status).send(result.body);
}

/** Deletes keys past their 24-hour life; expired keys are also ignored (and replaced) on use. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', isoTime(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
