/**
 * When a browser session is over: unused for longer than the idle timeout, or older than the
 * absolute one (OWASP Session Management: both, enforced on the server). Pure: takes `now`.
 */
export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/**
 * `last_seen_at` is written at most this often: a session in use does not cost a write per request.
 * The idle timeout is therefore exact to within this much (a session may live up to a minute longer).
 */
export const TOUCH_EVERY_MS = 60_000;

export type SessionState = 'live' | 'idle' | 'expired';

export function sessionState(session: { last_seen_at: string; expires_at: string }, now: Date, timeouts: SessionTimeouts): SessionState {
  const at = now.getTime();
  if (at >= Date.parse(session.expires_at)) return 'expired';
  if (at - Date.parse(session.last_seen_at) >= timeouts.idleMs) return 'idle';
  return 'live';
}

/** True when a live session's last use should be written now. */
export function needsTouch(session: { last_seen_at: string }, now: Date): boolean {
  return now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_EVERY_MS;
}

/** The absolute end of a session started at `now`. */
export function sessionExpiry(now: Date, timeouts: SessionTimeouts): Date {
  return new Date(now.getTime() + timeouts.absoluteMs);
}
