import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { encodeTime } from 'ulid';
import { fixedClock } from '../clock.js';
import { ulidCursorAt } from './cursor.js';
import { createEventHub } from './hub.js';
import type { EventSource } from './types.js';

const T = Date.parse('2026-11-22T10:00:00.000Z');
const idAt = (ms: number, n: number) => `evt_${encodeTime(ms, 10)}${String(n).padStart(16, '0')}`;

/** An in-memory timeline: `announce` is what the relay's commit does to the table. */
function memorySource() {
  const rows = new Map<string, { id: string; n: number }>();
  const source: EventSource<{ id: string; n: number }> = {
    byIds: async (ids) => ids.flatMap((id) => (rows.has(id) ? [rows.get(id)!] : [])).sort((a, b) => (a.id < b.id ? -1 : 1)),
    idsAfter: async (cursor, limit) => [...rows.keys()].filter((id) => id > cursor).sort().slice(0, limit),
    cursorAt: (ms) => ulidCursorAt('evt', ms),
  };
  return { source, announce: (...events: Array<{ id: string; n: number }>) => events.forEach((e) => rows.set(e.id, e)) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('event hub (SQLite mode)', () => {
  it('delivers published events in batches to the subscribers whose filter takes them, each once across publish and poll', async () => {
    const { source, announce } = memorySource();
    const hub = createEventHub({ dialect: 'sqlite', clock: fixedClock(new Date(T)), logger: pino({ level: 'silent' }), source, pollMs: 10 });
    const old = { id: idAt(T - 1_000, 0), n: 0 };
    announce(old);
    const evens: number[][] = [];
    const all: number[][] = [];
    hub.subscribe((e) => e.n % 2 === 0, (batch) => evens.push(batch.map((e) => e.n)));
    hub.subscribe(() => true, (batch) => all.push(batch.map((e) => e.n)));
    await hub.ready();

    const a = { id: idAt(T, 1), n: 1 };
    const b = { id: idAt(T, 2), n: 2 };
    announce(a, b);
    hub.publish([a.id, b.id]);
    await settle();
    // Another process's commit: found by the poll; and the same ids published again change nothing.
    const c = { id: idAt(T, 3), n: 4 };
    announce(c);
    await settle();
    hub.publish([a.id, c.id]);
    await settle();

    expect(all).toEqual([[1, 2], [4]]);
    expect(evens).toEqual([[2], [4]]);
    // What was there before anyone subscribed is not news.
    expect(all.flat()).not.toContain(0);
    expect(hub.subscriberCount).toBe(2);
    await hub.close();
  });

  it('stops delivering to an unsubscribed listener', async () => {
    const { source, announce } = memorySource();
    const hub = createEventHub({ dialect: 'sqlite', clock: fixedClock(new Date(T)), logger: pino({ level: 'silent' }), source, pollMs: 0 });
    const got: number[] = [];
    const unsubscribe = hub.subscribe(() => true, (batch) => got.push(...batch.map((e) => e.n)));
    const a = { id: idAt(T, 1), n: 1 };
    announce(a);
    hub.publish([a.id]);
    await settle();
    unsubscribe();
    const b = { id: idAt(T, 2), n: 2 };
    announce(b);
    hub.publish([b.id]);
    await settle();
    expect(got).toEqual([1]);
    await hub.close();
  });
});
