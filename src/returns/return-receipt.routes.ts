/**
 * The warehouse and money end of a return, under /api/v1: receiving its parcel, refunding what came
 * back, closing it. Each answers 200 with the return as it is after the change.
 */
import { transactionWithRetry, type Executor } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { closeReturn } from './close-return.js';
import { receiveReturn } from './receive-return.js';
import { refundReturn } from './refund-return.js';
import type { ReturnDeps } from './return-deps.js';
import { findReturn, returnViews } from './return.repository.js';
import { CloseReturnBody, ReceiveReturnBody, RefundReturnBody, ReturnIdParams, ReturnSchema, type ReturnView } from './return.schemas.js';

const tags = ['returns'];

/** `/refund` and `/close` need no body: a POST without one means `{}`, not a 422. */
async function emptyBodyIsEmptyObject(request: { body: unknown }): Promise<void> {
  request.body ??= {};
}

/** The return as the API shows it, read with `db` (inside a transaction: what it just wrote). */
export async function returnAnswer(db: Executor, deps: Pick<ReturnDeps, 'publicUrl'>, id: string): Promise<ReturnView> {
  const record = await findReturn(db, id);
  if (record === null) throw notFound(`Return ${id}`);
  const [view] = await returnViews(db, [record], (r) => `${deps.publicUrl}/api/v1/shipments/${r.shipment_id}/label.pdf`);
  return view!;
}

export function returnReceiptRoutes(deps: ReturnDeps) {
  return async (app: App) => {
    app.post(
      '/returns/:id/receive',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Receive a return’s parcel, with a condition per line',
          description:
            'Only an approved or in-transit return. Resellable units go back on hand at the return’s warehouse, damaged ones are written off (both in the stock ledger). The refund is quoted again from what arrived; a return with nothing to refund closes at once.',
          params: ReturnIdParams,
          body: ReceiveReturnBody,
          response: { 200: ReturnSchema, ...problemResponses },
        },
      },
      async (request) => {
        const actor = principalLabel(request.principal);
        return transactionWithRetry(deps.db, async (trx) => {
          await receiveReturn(trx, deps, request.params.id, request.body, actor);
          return returnAnswer(trx, deps, request.params.id);
        });
      },
    );

    app.post(
      '/returns/:id/refund',
      {
        config: { access: 'operator' },
        preValidation: emptyBodyIsEmptyObject,
        schema: {
          tags,
          summary: 'Refund a received return through the payment provider',
          description:
            'Honours Idempotency-Key. `amount` defaults to the quote (`refund_amount`) and may not exceed it (422). Never more than the captured money no other refund holds (409 conflict). The return is `refunded` while the provider is asked and closes once it confirms.',
          params: ReturnIdParams,
          body: RefundReturnBody,
          response: { 200: ReturnSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        // Scoped to the return too: the same key and body for another return is another request.
        replyIdempotent(deps, request, reply, `POST /returns/${request.params.id}/refund`, async (trx) => {
          await refundReturn(trx, deps, request.params.id, request.body, principalLabel(request.principal));
          return { status: 200, body: await returnAnswer(trx, deps, request.params.id) };
        }),
    );

    app.post(
      '/returns/:id/close',
      {
        config: { access: 'operator' },
        preValidation: emptyBodyIsEmptyObject,
        schema: {
          tags,
          summary: 'Close a return: received without a refund, or refunded once its refunds succeeded',
          description: 'A return whose refund is pending or failed cannot be closed (409 conflict): retry the refund first.',
          params: ReturnIdParams,
          body: CloseReturnBody,
          response: { 200: ReturnSchema, ...problemResponses },
        },
      },
      async (request) => {
        const actor = principalLabel(request.principal);
        return transactionWithRetry(deps.db, async (trx) => {
          await closeReturn(trx, deps, request.params.id, request.body.note, actor);
          return returnAnswer(trx, deps, request.params.id);
        });
      },
    );
  };
}
