import { describe, expect, it } from 'vitest';
import { canMoveReturn, holdsUnits, initialReturnStatus, returnStatuses, returnTransitions, terminalReturnStatuses, type ReturnStatus } from './return-status.js';

function reachableFrom(starts: readonly ReturnStatus[]): Set<ReturnStatus> {
  const seen = new Set<ReturnStatus>(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const next of returnTransitions[queue.shift()!]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('the return state machine', () => {
  it('has a row for exactly the known statuses, and every target is a known status', () => {
    expect(Object.keys(returnTransitions).sort()).toEqual([...returnStatuses].sort());
    for (const [from, targets] of Object.entries(returnTransitions)) {
      for (const to of targets) expect(returnStatuses, `${from} → ${to}`).toContain(to);
      expect(new Set(targets).size, `${from} lists a target twice`).toBe(targets.length);
      expect(targets, `${from} → itself`).not.toContain(from);
    }
  });

  it('reaches every status from the initial one', () => {
    const reachable = reachableFrom([initialReturnStatus]);
    expect(returnStatuses.filter((s) => !reachable.has(s))).toEqual([]);
  });

  it('gives every non-terminal status a way out, and terminal ones none', () => {
    for (const status of returnStatuses) {
      if (terminalReturnStatuses.includes(status)) expect(returnTransitions[status], status).toEqual([]);
      else expect(returnTransitions[status].length, `${status} is a dead end`).toBeGreaterThan(0);
    }
  });

  it('lets every status end in a terminal one', () => {
    for (const status of returnStatuses) {
      const ends = [...reachableFrom([status])].filter((s) => terminalReturnStatuses.includes(s));
      expect(ends.length, `${status} can never finish`).toBeGreaterThan(0);
    }
  });

  it('never goes back: no status reaches one before it', () => {
    const order = new Map(returnStatuses.map((s, i) => [s, i]));
    for (const [from, targets] of Object.entries(returnTransitions)) for (const to of targets) expect(order.get(to)!, `${from} → ${to}`).toBeGreaterThan(order.get(from as ReturnStatus)!);
  });

  it('approves or rejects only what was requested, and refunds only what was received', () => {
    expect(returnStatuses.filter((s) => canMoveReturn(s, 'approved'))).toEqual(['requested']);
    expect(returnStatuses.filter((s) => canMoveReturn(s, 'rejected'))).toEqual(['requested']);
    expect(returnStatuses.filter((s) => canMoveReturn(s, 'refunded'))).toEqual(['received']);
  });

  it('lets only a rejected return give its units back', () => {
    expect(returnStatuses.filter((s) => !holdsUnits(s))).toEqual(['rejected']);
  });
});
