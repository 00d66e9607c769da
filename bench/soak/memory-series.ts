/**
 * The server's memory over the soak: every few seconds its RSS (from /proc, Linux) and V8 heap (the
 * prom-client gauges on `GET /metrics`), plus its CPU and everyone else's since the last sample (the
 * machine is shared: a p99 taken while others use it is inflated). "Flat" compares the median of
 * the first window after warm-up with the median of the last window: medians, because the heap
 * saws up and down with every GC and a single sample says little.
 *
 * On SQLite the size of the database file is sampled too: the serving connection's page cache
 * (WAYBILL_SQLITE_CACHE_MIB, 64 MiB by default) fills as a fresh database grows, so RSS rises with
 * the file until the cache is full while the heap stays flat (measured: RSS +18% over ten minutes
 * from a fresh file with the 64 MiB cache, +7% with a 2 MiB one, the JS heap flat in both). That
 * is bounded, not a leak: the soak grows its database past the cache before it measures (soak.ts).
 */
import { statSync } from 'node:fs';
import { meterCpu, memoryOf } from '../support/server.js';
import { median, round } from '../support/stats.js';

export interface MemorySample {
  t_s: number;
  rss_mb: number | null;
  /** RSS in parts (see memoryOf): anonymous, file-backed, shared. */
  rss_anon_mb: number | null;
  rss_file_mb: number | null;
  rss_shmem_mb: number | null;
  heap_used_mb: number | null;
  heap_total_mb: number | null;
  /** Memory V8 knows of outside its heap (Buffers, ArrayBuffers): not SQLite's or malloc's own. */
  external_mb: number | null;
  /** SQLite: the database file plus its WAL (null on PostgreSQL). */
  database_mb: number | null;
  server_cpu_cores: number | null;
  foreign_cpu_pct: number | null;
}

/** Growth below this, in percent, is "flat" (the bound). */
export const FLAT_BOUND_PERCENT = 10;

function gauge(metrics: string, name: string): number | null {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(metrics);
  return match ? Number(match[1]) : null;
}

async function heapOf(url: string): Promise<{ used: number | null; total: number | null; external: number | null }> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
    const mb = (bytes: number | null) => (bytes === null ? null : round(bytes / 2 ** 20, 1));
    return {
      used: mb(gauge(text, 'waybill_nodejs_heap_size_used_bytes')),
      total: mb(gauge(text, 'waybill_nodejs_heap_size_total_bytes')),
      external: mb(gauge(text, 'waybill_nodejs_external_memory_bytes')),
    };
  } catch {
    return { used: null, total: null, external: null };
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The SQLite database file alone, in MiB: what its page cache can hold pages of. */
export function sqliteFileMb(path: string): number {
  return round(sizeOf(path) / 2 ** 20, 1);
}

function fileMb(path: string | null): number | null {
  if (path === null) return null;
  return round((sizeOf(path) + sizeOf(`${path}-wal`)) / 2 ** 20, 1);
}

/** `sqliteFile`: the database file to size beside RSS (null on PostgreSQL). */
export function sampleMemory(url: string, pid: number, everyMs: number, startedAt: number, sqliteFile: string | null) {
  const samples: MemorySample[] = [];
  let cpu = meterCpu(pid, null);
  const take = async () => {
    const used = cpu.stop();
    cpu = meterCpu(pid, null);
    const memory = memoryOf(pid);
    const mb = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? null : round(value, 1));
    const heap = await heapOf(url);
    samples.push({
      t_s: round((performance.now() - startedAt) / 1000, 1),
      rss_mb: mb(memory?.rssMb),
      rss_anon_mb: mb(memory?.anonMb),
      rss_file_mb: mb(memory?.fileMb),
      rss_shmem_mb: mb(memory?.shmemMb),
      heap_used_mb: heap.used,
      heap_total_mb: heap.total,
      external_mb: heap.external,
      database_mb: fileMb(sqliteFile),
      server_cpu_cores: used?.server_cores ?? null,
      foreign_cpu_pct: used?.foreign_pct ?? null,
    });
  };
  void take();
  const timer = setInterval(() => void take(), everyMs);
  return {
    samples,
    async stop(): Promise<MemorySample[]> {
      clearInterval(timer);
      await take();
      return samples;
    },
  };
}

export interface Growth {
  warmup_s: number;
  window_s: number;
  first_window: { from_s: number; to_s: number; samples: number; rss_median_mb: number; heap_used_median_mb: number | null };
  last_window: { from_s: number; to_s: number; samples: number; rss_median_mb: number; heap_used_median_mb: number | null };
  rss_growth_percent: number;
  heap_used_growth_percent: number | null;
  /** The larger of the RSS and heap growth: what the 10% bound is held against. */
  memory_growth_percent: number;
  memory_flat: boolean;
  bound_percent: number;
}

function windowOf(samples: MemorySample[], from: number, to: number) {
  const inside = samples.filter((s) => s.t_s >= from && s.t_s <= to);
  const rss = inside.flatMap((s) => (s.rss_mb === null ? [] : [s.rss_mb]));
  const heap = inside.flatMap((s) => (s.heap_used_mb === null ? [] : [s.heap_used_mb]));
  return { from_s: round(from, 1), to_s: round(to, 1), samples: inside.length, rss_median_mb: round(median(rss), 1), heap_used_median_mb: heap.length ? round(median(heap), 1) : null };
}

/**
 * Growth over the measured run, which starts `fromS` into the samples (after the fill phase) and
 * ends at `endS`: from its first window after `warmupS` to its last window.
 */
export function memoryGrowth(samples: MemorySample[], fromS: number, warmupS: number, windowS: number, endS: number): Growth {
  const first = windowOf(samples, fromS + warmupS, fromS + warmupS + windowS);
  const last = windowOf(samples, endS - windowS, endS);
  const pct = (a: number, b: number) => round(((b - a) / a) * 100, 1);
  const rssGrowth = pct(first.rss_median_mb, last.rss_median_mb);
  const heapGrowth = first.heap_used_median_mb !== null && last.heap_used_median_mb !== null ? pct(first.heap_used_median_mb, last.heap_used_median_mb) : null;
  const growth = Math.max(rssGrowth, heapGrowth ?? Number.NEGATIVE_INFINITY);
  return {
    warmup_s: warmupS,
    window_s: windowS,
    first_window: first,
    last_window: last,
    rss_growth_percent: rssGrowth,
    heap_used_growth_percent: heapGrowth,
    memory_growth_percent: growth,
    memory_flat: Number.isFinite(growth) && growth < FLAT_BOUND_PERCENT,
    bound_percent: FLAT_BOUND_PERCENT,
  };
}
