/**
 * The run's random choices (which orders are declined, cancelled or refunded, what they buy, how
 * long each process lives) come from one seeded generator, so that a run can be repeated with the
 * seed it printed. The processes' own timing is the machine's: a repeat makes the same choices,
 * not the same interleaving.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** A number in [min, max). */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** An independent generator for one concern (its sequence does not shift when another draws). */
  fork(label: string): Random;
}

/** mulberry32: tiny, fast and good enough for test choices (not for anything secret). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    fork: (label) => seededRandom(seed ^ hash(label)),
  };
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16_777_619);
  return h >>> 0;
}
