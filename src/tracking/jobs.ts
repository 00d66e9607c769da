/**
 * Tracking's recurring work: polling shipments webhooks have not updated, the time-based exception
 * rules, and the sim's push of its due scans (the sim plays a carrier that calls Waybill's webhook).
 */
import type { SimSettings } from '../config-shipping.js';
import type { JobHandlers, Schedule } from '../platform/jobs/types.js';
import { advanceSim } from '../shipping/index.js';
import { checkShipmentAttention } from './check-attention.js';
import { subscribeShipment } from './subscribe-tracking.js';
import { pollDueShipments } from './poll-tracking.js';
import type { TrackingDeps } from './tracking-deps.js';

export const trackingJobs = { poll: 'tracking.poll', checkAttention: 'tracking.check-attention', simTick: 'tracking.sim-tick', subscribe: 'tracking.subscribe' } as const;

export function trackingJobHandlers(deps: TrackingDeps, sim: { settings: SimSettings; webhookUrl: string }): JobHandlers {
  return {
    [trackingJobs.poll]: async () => {
      const { polled, stored } = await pollDueShipments(deps);
      if (polled > 0) deps.logger.debug({ polled, stored }, 'tracking polled');
    },
    [trackingJobs.checkAttention]: async () => {
      await checkShipmentAttention(deps);
    },
    [trackingJobs.subscribe]: (ctx) => subscribeShipment(ctx, deps),
    [trackingJobs.simTick]: async () => {
      const { failed } = await advanceSim({ db: deps.db, clock: deps.clock, settings: sim.settings, webhookUrl: sim.webhookUrl });
      if (failed > 0) deps.logger.warn({ failed, url: sim.webhookUrl }, 'the sim could not deliver some webhooks; it retries on the next tick');
    },
  };
}

export function trackingSchedules(simEnabled: boolean): Schedule[] {
  return [
    { name: 'tracking-poll', everyMs: 60_000, job: { type: trackingJobs.poll, maxAttempts: 1 } },
    { name: 'tracking-check-attention', everyMs: 5 * 60_000, job: { type: trackingJobs.checkAttention, maxAttempts: 1 } },
    ...(simEnabled ? [{ name: 'sim-tick', everyMs: 1_000, job: { type: trackingJobs.simTick, maxAttempts: 1 } }] : []),
  ];
}
