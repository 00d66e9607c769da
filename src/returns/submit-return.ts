/**
 * A creating POST of a return (staff or portal) under its Idempotency-Key: the request commits in
 * the `begin` step, linked to the key; auto-approval (which calls a carrier) runs after it; the
 * answer is the return as it then is. A replay whose first request died after `begin` resumes
 * with that return instead of asking a second time.
 */
import type { Executor } from '../platform/db/database.js';
import type { IdempotentAnswer, IdempotentSteps } from '../platform/http/idempotency.js';
import type { ReturnDeps } from './return-deps.js';
import { autoApproveReturn, requestReturn, type Requester, type ReturnRequest } from './request-return.js';
import { returnViewOrThrow, type Audience } from './return-views.js';

export async function submitReturn(steps: IdempotentSteps, deps: ReturnDeps, request: ReturnRequest, requester: Requester, audience: Audience): Promise<IdempotentAnswer> {
  const record = await steps.begin(
    (trx) => requestReturn(trx, deps, request, requester),
    (r) => r.id,
  );
  await autoApproveReturn(deps, record);
  return steps.finish(async (trx) => returnAnswer(trx, deps, record.id, audience));
}

export async function returnAnswer(db: Executor, deps: Pick<ReturnDeps, 'publicUrl'>, id: string, audience: Audience): Promise<IdempotentAnswer> {
  return { status: 201, body: await returnViewOrThrow(db, audience, deps.publicUrl, id) };
}
