/**
 * WAL checkpoints for a SQLite file, on a thread of their own.
 *
 * Why (measured with `npm run bench -- orders`, 2-core VM, ext4): with SQLite's default automatic
 * checkpoint (every 1,000 WAL pages, run inside the COMMIT that crosses the threshold) one order
 * commit in ~16 carried a checkpoint: copying ~1,000 pages into the database file and two fsyncs,
 * 2–300 ms with the event loop blocked. COMMIT took 31% of the order transaction's time at the
 * DB-only limit (median 0.16 ms, p99 13 ms, max 138 ms) and checkpoints were what made p99 latency
 * under load run into hundreds of milliseconds. A checkpoint only needs a connection of its own, so
 * a worker thread runs PASSIVE checkpoints (they never take the write lock and never wait for
 * anyone) back to back while there is something to copy, and the fsyncs happen there.
 *
 * Durability is unchanged: commits still go to the WAL exactly as before (the `synchronous` setting
 * applies to them as before) and a checkpoint is the same operation on whichever connection runs
 * it, crash-safe at every point. A PASSIVE checkpoint cannot rewind the WAL while the server keeps
 * writing, so the serving connection keeps an automatic checkpoint too, at a higher threshold
 * (CHECKPOINT_PAGES): by the time it triggers the worker has copied nearly everything, and it
 * bounds the WAL file as before.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The serving connection's wal_autocheckpoint when the worker runs (SQLite's default is 1,000). */
export const CHECKPOINT_PAGES = 10_000;
/**
 * Pause after a checkpoint that caught up (or could not progress). Measured against 200 ms: under
 * load the longer pause let the WAL grow into the serving connection's own (blocking) checkpoint
 * more often (2–18% fewer orders/s DB-only, twice the time lost in commits over 2 ms); when idle a
 * pass that finds nothing to copy is cheap.
 */
const IDLE_MS = 50;

// The worker's code is inline (and plain CommonJS) so that it runs the same from dist/, under tsx
// and under vitest, none of which agree on how a worker would load a .ts file.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
let stopped = false;
let timer = null;
let lastCheckpointed = -1;
function pass() {
  timer = null;
  if (stopped) return;
  let again = false;
  try {
    // log: frames in the WAL; checkpointed: how many of them are in the database file now.
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    // Frames left (the server wrote more meanwhile) and this pass got somewhere: go again at once.
    // Caught up, or held back by a reader of an old snapshot: look again a little later.
    again = row !== undefined && row.busy === 0 && row.log > row.checkpointed && row.checkpointed !== lastCheckpointed;
    lastCheckpointed = row === undefined ? -1 : row.checkpointed;
  } catch {
    // Busy or closing: the next pass tries again.
  }
  timer = setTimeout(pass, again ? 0 : workerData.idleMs);
}
parentPort.on('message', () => {
  stopped = true;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort.close();
});
pass();
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts checkpointing `file` (already open in WAL mode) from a worker thread. */
export function startCheckpointer(file: string, synchronous: 'NORMAL' | 'FULL'): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { driver, file, synchronous, idleMs: IDLE_MS } });
  // Never keep the process alive for it; an interrupted checkpoint is harmless (it is redone).
  worker.unref();
  // A failing checkpointer costs speed, not correctness: the serving connection's own automatic
  // checkpoint still runs.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Held while it stops: awaiting an unref'd thread's exit with nothing else pending let Node
      // end the whole process before the exit came, silently, with code 0 (seen in bench/jobs.ts).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
