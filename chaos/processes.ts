/**
 * The run's Waybill processes: two `waybill serve` (no in-process worker) on fixed ports — a killed
 * API comes back on its own port, so the balancer needs no list changes — and two `waybill worker`.
 * Each slot keeps one process alive; while the chaos is on, a process is SIGKILLed at a random moment
 * of its life (counted from when it is ready: a process killed while tsx still transpiles proves
 * nothing) and started again at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Random } from './random.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export type ProcessKind = 'api' | 'worker';

export interface Kill {
  kind: ProcessKind;
  name: string;
  /** Milliseconds since the run began. */
  atMs: number;
  /** Epoch milliseconds (to compare with the SMTP capture's receipts). */
  at: number;
  /** How long it had lived since it was ready. */
  livedMs: number;
}

interface Running {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
  ready: Promise<void>;
  output(): string;
}

export interface SlotSpec {
  kind: ProcessKind;
  /** The environment of the process called `name` (the name reaches the SMTP server in its EHLO). */
  envOf(name: string): Record<string, string>;
  /** An API's port (fixed for the slot's whole life); none for a worker. */
  port?: number;
  lifetimeMs: { min: number; max: number };
}

export interface Slot {
  readonly kind: ProcessKind;
  readonly url: string | null;
  /** Resolves once the slot's first process is ready. */
  firstReady: Promise<void>;
  /** The current process's last output (for a failure's diagnostics). */
  output(): string;
}

const START_WAIT_MS = 90_000;

function alive(p: Running): boolean {
  return p.child.exitCode === null && p.child.signalCode === null;
}

function spawnProcess(spec: SlotSpec, name: string): Running {
  const command = spec.kind === 'api' ? 'serve' : 'worker';
  const portEnv: Record<string, string> = spec.port === undefined ? {} : { PORT: String(spec.port), HOST: '127.0.0.1' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', command], {
    cwd: repoRoot,
    env: { ...process.env, ...spec.envOf(name), ...portEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (spec.kind === 'worker' && output.includes('worker started')) markReady();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (spec.kind === 'api') void pollReady(`http://127.0.0.1:${spec.port}`, exited).then(markReady);
  return { name, child, exited, ready, output: () => output };
}

/** An API is ready when /readyz answers 200 (database reachable, migrations applied). */
async function pollReady(url: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    try {
      if ((await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
}

/**
 * Keeps every slot running. `chaotic()` says whether to kill now; once it says no, a slot's process
 * lives until `stop`.
 */
export class ProcessFleet {
  readonly kills: Kill[] = [];
  readonly slots: Slot[] = [];
  #current: Running[] = [];
  #loops: Promise<void>[] = [];
  #chaos = true;
  #stopping = false;
  #spawned = new Map<ProcessKind, number>();
  /** Ends of processes that logged at error level or above (their last words, for the report). */
  readonly errorTails: string[] = [];
  /** Processes that ended on their own (a crash): nothing but a SIGKILL or the final stop may end one. */
  readonly crashes: Array<{ name: string; atMs: number; exit: string; tail: string }> = [];

  constructor(
    private readonly began: number,
    private readonly random: Random,
  ) {}

  add(spec: SlotSpec): Slot {
    const index = this.slots.length;
    let markFirst: () => void = () => undefined;
    const firstReady = new Promise<void>((resolve) => (markFirst = resolve));
    const slot: Slot = { kind: spec.kind, url: spec.port === undefined ? null : `http://127.0.0.1:${spec.port}`, firstReady, output: () => this.#current[index]?.output() ?? '' };
    this.slots.push(slot);
    this.#loops.push(this.#keep(spec, index, markFirst));
    return slot;
  }

  #nameOf(kind: ProcessKind): string {
    const n = (this.#spawned.get(kind) ?? 0) + 1;
    this.#spawned.set(kind, n);
    return `${kind}-${n}`;
  }

  async #keep(spec: SlotSpec, index: number, markFirst: () => void): Promise<void> {
    while (!this.#stopping) {
      const proc = spawnProcess(spec, this.#nameOf(spec.kind));
      this.#current[index] = proc;
      await Promise.race([proc.ready, proc.exited, sleep(START_WAIT_MS)]);
      if (alive(proc)) markFirst();
      const readyAt = Date.now();
      const lifetime = this.random.between(spec.lifetimeMs.min, spec.lifetimeMs.max);
      // Calm: wait for the end (stop, or a crash of its own, which starts another).
      const lifeOver = (async () => {
        const end = Date.now() + lifetime;
        while (Date.now() < end || !this.#chaos) {
          if (this.#stopping) return;
          await sleep(100);
        }
      })();
      await Promise.race([lifeOver, proc.exited]);
      if (this.#stopping) return;
      if (alive(proc) && proc.child.kill('SIGKILL')) {
        const now = Date.now();
        this.kills.push({ kind: spec.kind, name: proc.name, atMs: now - this.began, at: now, livedMs: now - readyAt });
      } else if (!alive(proc)) {
        this.crashes.push({ name: proc.name, atMs: Date.now() - this.began, exit: String(proc.child.exitCode ?? proc.child.signalCode), tail: proc.output().slice(-2_000) });
      }
      await proc.exited;
      if (/"level":[56]0/.test(proc.output())) this.errorTails.push(`${proc.name}: ${proc.output().slice(-1_500)}`);
    }
  }

  killsOf(kind: ProcessKind): number {
    return this.kills.filter((k) => k.kind === kind).length;
  }

  /** When each killed process was killed, by name (epoch ms). */
  killedAt(): Map<string, number> {
    return new Map(this.kills.map((k) => [k.name, k.at]));
  }

  /** Stops killing: the processes alive now stay up; a slot whose process was just killed starts one more. */
  calm(): void {
    this.#chaos = false;
  }

  /** Every slot's process ready (after calm, to settle on a full fleet). */
  async allReady(): Promise<void> {
    await Promise.all(this.#current.map((p) => p.ready));
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    for (const p of this.#current) if (alive(p)) p.child.kill('SIGTERM');
    const timer = setTimeout(() => this.#current.forEach((p) => alive(p) && p.child.kill('SIGKILL')), 10_000);
    await Promise.all(this.#current.map((p) => p.exited));
    clearTimeout(timer);
    await Promise.all(this.#loops);
  }
}
