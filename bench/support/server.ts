/**
 * A real Waybill server as a child process, the way it runs in production: the compiled
 * dist/src/cli.js when `npm run build` has produced an up-to-date one, otherwise the TypeScript
 * through tsx. Its memory is read from /proc/<pid>/status (Linux).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerCommand {
  args: string[];
  /** What ran, for the results: `dist` (compiled) or `tsx`. */
  kind: 'dist' | 'tsx';
  note: string | null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The first source file whose compiled output is missing or older than it, or null when dist is current. */
function staleOutput(): string | null {
  for (const source of sourceFiles(join(ROOT, 'src'))) {
    const compiled = join(ROOT, 'dist', relative(ROOT, source)).replace(/\.ts$/, '.js');
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) return relative(ROOT, source);
  }
  return null;
}

export function serverCommand(): ServerCommand {
  const cli = join(ROOT, 'dist', 'src', 'cli.js');
  if (existsSync(cli)) {
    const stale = staleOutput();
    if (stale === null) return { args: [cli, 'serve'], kind: 'dist', note: null };
    return {
      args: ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'serve'],
      kind: 'tsx',
      note: `dist/ is older than ${stale}; running the sources through tsx (run \`npm run build\` to bench the compiled server)`,
    };
  }
  return { args: ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'serve'], kind: 'tsx', note: 'no dist/src/cli.js; running the sources through tsx' };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident and peak resident memory of a process in MiB, or null off Linux. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number; anonMb: number; fileMb: number; shmemMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    // RSS in its three parts: anonymous (heaps, malloc, caches), file-backed (code and mapped
    // files, paged in as used) and shared memory (SQLite's -shm index): a rise in one says what grows.
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024, anonMb: kb('RssAnon') / 1024, fileMb: kb('RssFile') / 1024, shmemMb: kb('RssShmem') / 1024 };
  } catch {
    return null;
  }
}

/** Polls VmRSS while a phase runs; `stop()` returns the highest value seen (MiB). */
export function sampleRss(pid: number, everyMs = 100): { stop(): number | null } {
  let peak: number | null = null;
  const sample = () => {
    const memory = memoryOf(pid);
    if (memory && Number.isFinite(memory.rssMb)) peak = Math.max(peak ?? 0, memory.rssMb);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

export interface ServerProcess {
  url: string;
  pid: number;
  command: ServerCommand;
  /** The last lines the server wrote (stdout and stderr), for diagnosing failures. */
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(options: { databaseUrl: string; adminKey: string; env?: Record<string, string>; nodeOptions?: string[] }): Promise<ServerProcess> {
  const command = serverCommand();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    WAYBILL_PUBLIC_URL: `http://127.0.0.1:${port}`,
    WAYBILL_ADMIN_KEY: options.adminKey,
    WAYBILL_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeOptions ?? []), ...command.args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited with ${exited} before answering:\n${lines.join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within 60 s:\n${lines.join('\n')}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }

  return {
    url,
    pid: child.pid!,
    command,
    output: () => lines.join('\n'),
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timeout = sleep(15_000).then(() => 'timeout' as const);
      if ((await Promise.race([exit, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
}

interface CpuSnapshot {
  total: number;
  busy: number;
  self: number;
  server: number;
  /** CPU ticks per PostgreSQL process that works for the measured database. */
  postgres: Map<number, number>;
}

function ticksOf(pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesized command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Shared PostgreSQL processes (they work for every database) as their titles name them. */
const POSTGRES_AUXILIARY = /: (checkpointer|background writer|walwriter|autovacuum launcher|autovacuum worker|logical replication launcher)\b/;

/**
 * PostgreSQL processes serving `database` (backends show it in their title), plus the shared
 * auxiliary ones; other databases' backends (other people's tests on the same server) are not ours.
 */
function postgresTicks(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return ticks;
  }
  for (const entry of entries) {
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (title.includes(` ${database} `) || POSTGRES_AUXILIARY.test(title)) ticks.set(Number(entry), ticksOf(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

function cpuSnapshot(serverPid: number | null, postgresDatabase: string | null): CpuSnapshot | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = fields[3]! + fields[4]!;
    return {
      total,
      busy: total - idle,
      self: ticksOf('self'),
      server: serverPid === null ? 0 : ticksOf(serverPid),
      postgres: postgresDatabase === null ? new Map() : postgresTicks(postgresDatabase),
    };
  } catch {
    return null;
  }
}

export interface CpuUse {
  /** CPU the server process used, in cores (2.0 = two cores flat out). */
  server_cores: number;
  /** CPU PostgreSQL used for the measured database, in cores (0 when not measured). */
  postgres_cores: number;
  /** Share of the machine's CPU used by everything else meanwhile: a figure taken while this is high is not trustworthy. */
  foreign_pct: number;
}

/**
 * Measures CPU use between start and `stop()` (Linux; null elsewhere): the server's (null: none, the
 * work runs in this process), PostgreSQL's for `postgresDatabase`, and everyone else's. A process
 * that exits meanwhile is not counted.
 */
export function meterCpu(serverPid: number | null, postgresDatabase: string | null): { stop(): CpuUse | null } {
  const cores = availableParallelism();
  const before = cpuSnapshot(serverPid, postgresDatabase);
  return {
    stop() {
      const after = cpuSnapshot(serverPid, postgresDatabase);
      if (!before || !after || after.total <= before.total) return null;
      const total = after.total - before.total;
      let postgres = 0;
      for (const [pid, ticks] of after.postgres) postgres += ticks - (before.postgres.get(pid) ?? 0);
      const ours = after.self - before.self + (after.server - before.server) + postgres;
      const foreign = Math.max(0, after.busy - before.busy - ours);
      const inCores = (ticks: number) => Math.round((ticks / (total / cores)) * 100) / 100;
      return {
        server_cores: inCores(after.server - before.server),
        postgres_cores: inCores(postgres),
        foreign_pct: Math.round((foreign / total) * 1000) / 10,
      };
    },
  };
}
