/**
 * The one PostgreSQL restart of the run, with the cluster's own tool (`pg_ctlcluster`, Debian's
 * postgresql-common). It restarts the WHOLE server — every database on it, other people's tests
 * included — which is why CI runs the chaos step alone, after the suites. Anything that makes a
 * restart impossible (a remote server, no pg_ctlcluster, no cluster on the port, no right to run it)
 * is said in one "skipped: …" line rather than failing the run (CI makes a skip a failure).
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface RestartPlan {
  /** The command to run, or why there is none. */
  command: string[] | null;
  skipped: string | null;
}

export interface RestartResult {
  command: string;
  /** When it began, ms since the run began. */
  atMs: number;
  /** How long pg_ctlcluster took (the server was down within it). */
  tookMs: number;
  /** Other databases' connections at the moment of the restart: whom it interrupted besides the run. */
  otherConnections: number;
  error: string | null;
}

async function which(tool: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    try {
      await access(join(dir, tool), constants.X_OK);
      return join(dir, tool);
    } catch {
      // Not there.
    }
  }
  return null;
}

export async function planRestart(serverUrl: string, enabled: boolean): Promise<RestartPlan> {
  if (!enabled) return { command: null, skipped: 'skipped: the PostgreSQL restart was switched off (--no-pg-restart / CHAOS_PG_RESTART=off)' };
  const url = new URL(serverUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) return { command: null, skipped: `skipped: PostgreSQL at ${url.hostname} is not on this machine` };
  const port = url.port === '' ? '5432' : url.port;
  const ctl = await which('pg_ctlcluster');
  const ls = await which('pg_lsclusters');
  if (ctl === null || ls === null) return { command: null, skipped: 'skipped: pg_ctlcluster / pg_lsclusters not found (Debian postgresql-common)' };
  const { stdout } = await run(ls, ['--no-header']);
  const cluster = stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[2] === port);
  if (!cluster) return { command: null, skipped: `skipped: no cluster listens on port ${port} (pg_lsclusters)` };
  const args = [ctl, '--skip-systemctl-redirect', cluster[0]!, cluster[1]!, 'restart'];
  if (process.getuid?.() === 0) return { command: args, skipped: null };
  const sudo = await which('sudo');
  if (sudo !== null) {
    try {
      await run(sudo, ['-n', 'true']);
      return { command: [sudo, '-n', ...args], skipped: null };
    } catch {
      // No password-less sudo.
    }
  }
  return { command: null, skipped: 'skipped: restarting PostgreSQL needs root (or password-less sudo)' };
}

async function otherConnectionsOn(serverUrl: string, ownDatabase: string): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname is not null and datname <> $1 and pid <> pg_backend_pid()`, [ownDatabase]);
    return Number(rows[0]!.n);
  } catch {
    return -1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function restartPostgres(plan: RestartPlan, serverUrl: string, ownDatabase: string, began: number): Promise<RestartResult> {
  const command = plan.command!;
  const otherConnections = await otherConnectionsOn(serverUrl, ownDatabase);
  const start = Date.now();
  let error: string | null = null;
  try {
    await run(command[0]!, command.slice(1), { timeout: 60_000 });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  return { command: command.join(' '), atMs: start - began, tookMs: Date.now() - start, otherConnections, error };
}
