import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { Clock } from './clock.js';

export type IdPrefix = 'ord' | 'oln' | 'cus' | 'wh' | 'mov' | 'evt' | 'key' | 'alc';

export interface Ids {
  /** A prefixed ULID: sortable by creation time, unique across processes. */
  'new'(prefix: IdPrefix): string;
  /** An unguessable URL-safe token with the given bits of randomness (≥128). */
  token(bits?: number): string;
}

export function createIds(clock: Clock): Ids {
  const ulid = monotonicFactory();
  return {
    new: (prefix) => `${prefix}_${ulid(clock.now().getTime())}`,
    token: (bits = 160) => randomBytes(Math.ceil(Math.max(bits, 128) / 8)).toString('base64url'),
  };
}
