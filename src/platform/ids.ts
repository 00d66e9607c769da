import { randomBytes, randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { Clock } from './clock.js';

export type IdPrefix = 'ord' | 'oln' | 'cus' | 'wh' | 'mov' | 'evt' | 'key' | 'alc' | 'job' | 'pay' | 'rfd' | 'pkl' | 'pkg' | 'inv' | 'shp' | 'tev' | 'rq' | 'rsr' | 'ntf' | 'whe' | 'whd' | 'acc' | 'usr' | 'tok' | 'ret' | 'rtl' | 'sup' | 'po' | 'pol';

export interface Ids {
  /** A prefixed ULID: sortable by creation time, unique across processes. */
  'new'(prefix: IdPrefix): string;
  /** An unguessable URL-safe token with the given bits of randomness (≥128). */
  token(bits?: number): string;
}

/**
 * Random bytes from the CSPRNG, drawn from a buffer refilled 4 KiB at a time; every byte is handed
 * out once. Why (CPU profiles of `npm run bench -- orders`): ulid's own PRNG makes one
 * crypto.getRandomValues call per random character, 16 per id in a new millisecond, 5–9% of the CPU
 * placing an order; and randomBytes(20) for each tracking token cost another 2%. The bytes are the
 * same CSPRNG output, so ids and tokens are as unpredictable as before.
 */
class RandomPool {
  readonly #pool = Buffer.alloc(4096);
  #next = this.#pool.length;

  /** One byte, 0–255. */
  byte(): number {
    if (this.#next === this.#pool.length) this.#refill();
    return this.#pool[this.#next++]!;
  }

  /** `count` bytes (a copy). */
  bytes(count: number): Buffer {
    if (count > this.#pool.length) return randomBytes(count);
    if (this.#next + count > this.#pool.length) this.#refill();
    const out = Buffer.from(this.#pool.subarray(this.#next, this.#next + count));
    this.#next += count;
    return out;
  }

  #refill(): void {
    randomFillSync(this.#pool);
    this.#next = 0;
  }
}

export function createIds(clock: Clock): Ids {
  const random = new RandomPool();
  // ulid's PRNG contract: a float in [0, 1); byte / 256 is exactly what its default one returns.
  const ulid = monotonicFactory(() => random.byte() / 256);
  return {
    new: (prefix) => `${prefix}_${ulid(clock.now().getTime())}`,
    token: (bits = 160) => random.bytes(Math.ceil(Math.max(bits, 128) / 8)).toString('base64url'),
  };
}
