import { describe, expect, it } from 'vitest';
import { needsTouch, sessionExpiry, sessionState } from './sessions-rules.js';

const timeouts = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const start = new Date('2026-11-22T10:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('session timeouts', () => {
  const session = { last_seen_at: start.toISOString(), expires_at: sessionExpiry(start, timeouts).toISOString() };

  it('is live until the idle timeout, then idle', () => {
    expect(sessionState(session, at(0), timeouts)).toBe('live');
    expect(sessionState(session, at(timeouts.idleMs - 1), timeouts)).toBe('live');
    expect(sessionState(session, at(timeouts.idleMs), timeouts)).toBe('idle');
  });

  it('is expired at the absolute timeout however recently it was used', () => {
    const busy = { ...session, last_seen_at: at(timeouts.absoluteMs - 1000).toISOString() };
    expect(sessionState(busy, at(timeouts.absoluteMs - 1), timeouts)).toBe('live');
    expect(sessionState(busy, at(timeouts.absoluteMs), timeouts)).toBe('expired');
  });

  it('writes the last use at most once a minute', () => {
    expect(needsTouch(session, at(59_999))).toBe(false);
    expect(needsTouch(session, at(60_000))).toBe(true);
  });
});
