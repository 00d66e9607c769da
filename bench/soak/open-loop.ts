/**
 * An open load loop: requests start on a fixed schedule (`rate` a second), never waiting for
 * earlier answers, as a server's real traffic does; at most `maxInFlight` at once, beyond that a
 * tick is skipped and counted (a server that falls behind shows as skipped ticks, not as a slower
 * schedule). It ends when `done` says so, then waits for the answers still on their way.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoopProgress {
  elapsedS: number;
  ticks: number;
  inFlight: number;
  skipped: number;
}

export interface LoopFigures {
  ticks: number;
  sent: number;
  skipped: number;
  seconds: number;
}

export async function openLoop(options: {
  rate: number;
  maxInFlight: number;
  next: () => Promise<void>;
  /** Asked before every tick: true ends the loop. */
  done: (progress: LoopProgress) => boolean;
  progressEveryS?: number;
  onProgress?: (progress: LoopProgress) => void;
}): Promise<LoopFigures> {
  const interval = 1000 / options.rate;
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  let inFlight = 0;
  let skipped = 0;
  let ticks = 0;
  let lastProgress = 0;
  const progress = (): LoopProgress => ({ elapsedS: (performance.now() - started) / 1000, ticks, inFlight, skipped });
  while (!options.done(progress())) {
    const wait = started + ticks * interval - performance.now();
    if (wait > 1) await sleep(wait);
    ticks++;
    if (inFlight >= options.maxInFlight) {
      skipped++;
      continue;
    }
    inFlight++;
    const request = options.next().finally(() => {
      inFlight--;
      pending.delete(request);
    });
    pending.add(request);
    const now = progress();
    if (options.onProgress && now.elapsedS - lastProgress >= (options.progressEveryS ?? 60)) {
      lastProgress = now.elapsedS;
      options.onProgress(now);
    }
  }
  await Promise.all(pending);
  return { ticks, sent: ticks - skipped, skipped, seconds: (performance.now() - started) / 1000 };
}
