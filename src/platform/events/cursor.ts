import { encodeTime } from 'ulid';

/**
 * A cursor sorting before every prefixed ULID (platform/ids.ts) of `prefix` made at or after `ms`:
 * the prefix, the time part, and the lowest random part.
 */
export function ulidCursorAt(prefix: string, ms: number): string {
  return `${prefix}_${encodeTime(Math.max(0, Math.floor(ms)), 10)}${'0'.repeat(16)}`;
}
