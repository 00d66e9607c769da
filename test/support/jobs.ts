/**
 * Runs the server's background jobs now, with the real worker and the real handler map, until none
 * is due (on the test clock): tests then see what the worker inside `waybill serve` would have done.
 * The event relay runs on a one-second schedule, and a test's clock may stand still within one
 * second, so what is still unrelayed afterwards is relayed here too (the same function the
 * schedule's job calls) before the worker runs again.
 */
import { expect } from 'vitest';
import { relayEvents } from '../../src/event-relay.js';
import { startAppWorker } from '../../src/job-handlers.js';
import { notificationDepsOf } from '../../src/notifications/notification-deps-of.js';
import { webhookDepsOf } from '../../src/webhooks/index.js';
import type { TestServer } from './server.js';

export async function drainJobs(server: Pick<TestServer, 'deps'>): Promise<number> {
  const deps = server.deps;
  // Short backoffs: a retried job comes due as soon as a test moves its clock a little.
  const worker = startAppWorker(deps, { pollMs: 60_000, backoff: { baseMs: 10, maxMs: 100 } });
  try {
    let ran = await worker.runUntilIdle();
    for (let round = 0; round < 20; round++) {
      const relayed = await relayEvents({ deps, notifications: notificationDepsOf(deps), webhooks: webhookDepsOf(deps) });
      if (relayed === 0) break;
      ran += await worker.runUntilIdle();
    }
    return ran;
  } finally {
    await worker.stop();
  }
}

/** Moves the test clock on by `ms` in steps, running the worker (and so the sim carrier's pushes) at each. */
export async function travel(server: Pick<TestServer, 'deps' | 'clock'>, ms: number, step = 20_000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    server.clock.advance(step);
    await drainJobs(server);
  }
}

/** Like travel, until `done`; the test fails when it is not done within `limitMs`. */
export async function travelUntil(server: Pick<TestServer, 'deps' | 'clock'>, done: () => Promise<boolean>, limitMs = 10 * 60_000, step = 20_000): Promise<void> {
  for (let t = 0; t < limitMs; t += step) {
    if (await done()) return;
    server.clock.advance(step);
    await drainJobs(server);
  }
  expect(await done(), 'the sim journey did not get there in time').toBe(true);
}
