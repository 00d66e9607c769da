/**
 * The returns capability's jobs: buying a return label that the approval could not buy at once (a
 * carrier outage, a crash), and closing a return once the provider confirmed its refund.
 */
import type { JobHandlers } from '../platform/jobs/types.js';
import { RETURN_REFUND_SETTLED_JOB } from '../orders/index.js';
import { buyReturnLabelJob } from './approve-return.js';
import { refundSettled } from './close-return.js';
import type { ReturnDeps } from './return-deps.js';

export const returnJobs = { buyLabel: 'returns.buy-label', refundSettled: RETURN_REFUND_SETTLED_JOB } as const;

export function returnJobHandlers(deps: ReturnDeps): JobHandlers {
  return {
    [returnJobs.buyLabel]: (ctx) => buyReturnLabelJob(ctx, deps),
    [returnJobs.refundSettled]: (ctx) => refundSettled(ctx, deps),
  };
}
