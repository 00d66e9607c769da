/** Small tools shared by the concurrency proofs: tallies, a seeded shuffle, a stock watcher. */
import { expect } from 'vitest';
import type { Answer, Client } from '../support/http.js';

export type StockRow = { sku: string; warehouse: string; on_hand: number; reserved: number; available: number };

/** "201" → 50, "409 insufficient_stock" → 150: one map that an assertion failure prints whole. */
export function tally(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const label = a.status >= 400 ? `${a.status} ${String(a.body?.code)}` : String(a.status);
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

/**
 * A distinct customer per order: every order upserts its customer row, and on PostgreSQL that row
 * lock would otherwise queue all orders one behind the other before they ever reach the stock rows.
 */
export function customerFor(i: number) {
  return { email: `buyer-${i}@example.com`, name: `Buyer ${i}`, phone: null };
}

/** mulberry32: a deterministic generator, so that a failing random mix can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every stock row (all pages), through the public API. */
export async function allStock(api: Client): Promise<StockRow[]> {
  const rows: StockRow[] = [];
  let cursor: string | null = null;
  do {
    const res: Answer = await api.get(`/api/v1/inventory?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, res.text).toBe(200);
    rows.push(...res.body.data);
    cursor = res.body.next_cursor;
  } while (cursor);
  return rows;
}

/**
 * Reads the inventory over and over while `storm` runs, so that "never negative" is checked on the
 * levels other clients could see mid-storm, not only on the final ones.
 */
export async function watchStock<T>(api: Client, storm: Promise<T>): Promise<{ result: T; samples: StockRow[][] }> {
  let done = false;
  const samples: StockRow[][] = [];
  const watcher = (async () => {
    while (!done) samples.push(await allStock(api));
  })();
  try {
    return { result: await storm, samples };
  } finally {
    done = true;
    await watcher;
  }
}

export function expectNeverNegative(samples: readonly StockRow[][]): void {
  expect(samples.length).toBeGreaterThan(0);
  const negative = samples.flat().filter((r) => r.on_hand < 0 || r.reserved < 0 || r.available < 0);
  expect(negative).toEqual([]);
}
