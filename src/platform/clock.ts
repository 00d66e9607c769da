/** Time comes from here so that tests can pin it; nothing deep in the code calls `new Date()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until the test moves it. */
export function fixedClock(start: Date | string): Clock & { advance(ms: number): void; set(at: Date | string): void } {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = new Date(at).getTime();
    },
  };
}

/** RFC 3339 UTC with milliseconds: fixed width, so text comparison orders correctly in both databases. */
export function isoTime(at: Date): string {
  return at.toISOString();
}
