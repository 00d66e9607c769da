/**
 * The chaos loop of the crash suites: keeps `slots` `waybill worker` processes running, SIGKILLs
 * each at a random moment of its life and starts another. A life counts from the worker's
 * "worker started" line (the workers need LOG_LEVEL info or lower): on a loaded machine starting
 * (tsx transpiling the sources) can take longer than a life, and a worker killed before it has
 * started proves nothing and only slows the run (a CI run once saw 386 kills and ran out of time).
 * Every worker has a name of its own (`worker-N`), which a suite may pass on (the notifications
 * suite gives it to the SMTP server in its EHLO) to trace what a worker did to its kill.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnWorker, type WorkerProcess } from '../concurrency/processes.js';

export type NamedWorker = WorkerProcess & { name: string };

export interface ChaosOptions {
  /** The environment of the worker called `name`. */
  envOf(name: string): Record<string, string>;
  slots: number;
  /** How long a worker lives once started, before its SIGKILL: a random time in [min, max). */
  lifetimeMs: { min: number; max: number };
}

export interface CalmWorkers {
  output(): string;
  stop(): Promise<void>;
}

export interface Chaos {
  kills(): number;
  /** When each killed worker was killed (ms since the epoch), by name. */
  killedAt(): Map<string, number>;
  /** What the last workers that logged a warning or worse printed, and what the running ones print. */
  output(): string;
  /** Stops killing (the last kills count too); leaves one calm worker per slot running until `stop`. */
  calm(): Promise<CalmWorkers>;
}

/** How long to wait for a worker's start before counting its life anyway. */
const START_WAIT_MS = 60_000;

export function startChaos({ envOf, slots, lifetimeMs }: ChaosOptions): Chaos {
  const killedAt = new Map<string, number>();
  let running = true;
  let spawned = 0;
  const workers: NamedWorker[] = [];
  const ended: string[] = [];
  const spawnNamed = (): NamedWorker => {
    const name = `worker-${++spawned}`;
    return { ...spawnWorker(envOf(name)), name };
  };
  const alive = (w: WorkerProcess) => w.child.exitCode === null && w.child.signalCode === null;
  const kill = (w: NamedWorker) => {
    if (alive(w) && w.child.kill('SIGKILL')) killedAt.set(w.name, Date.now());
  };
  const loops = Array.from({ length: slots }, async (_, slot) => {
    while (running) {
      const worker = spawnNamed();
      workers[slot] = worker;
      await Promise.race([worker.started, worker.exited, sleep(START_WAIT_MS)]);
      const lifetime = lifetimeMs.min + Math.random() * (lifetimeMs.max - lifetimeMs.min);
      await Promise.race([sleep(lifetime), worker.exited]);
      kill(worker);
      await worker.exited;
      if (/"level":[456]0/.test(worker.output())) ended.push(`${worker.name}: ${worker.output().slice(-1_000)}`);
    }
  });
  return {
    kills: () => killedAt.size,
    killedAt: () => new Map(killedAt),
    output: () => [...ended.slice(-3), ...workers.map((w) => `${w?.name}: ${w?.output() ?? ''}`)].join('\n---\n'),
    async calm() {
      running = false;
      for (const w of workers) if (w) kill(w);
      await Promise.all(loops);
      const calm = Array.from({ length: slots }, spawnNamed);
      return {
        output: () => calm.map((w) => w.output()).join('\n---\n'),
        stop: async () => {
          for (const w of calm) w.child.kill('SIGTERM');
          await Promise.all(calm.map((w) => w.exited));
        },
      };
    },
  };
}

/** Polls `check` until it holds; on time out, fails with what `diagnostics` says (its tail). */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, diagnostics: () => string | Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}\n${(await diagnostics()).slice(-6000)}`);
}
