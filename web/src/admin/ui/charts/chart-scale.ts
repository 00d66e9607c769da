/** The charts' points and arithmetic: a round top for the value axis, its ticks, which labels show. Pure. */

export interface ChartPoint {
  /** The point's full name, as the table shows it ("Tue, 3 Nov 2026", "sim"). */
  label: string;
  /** Its name on the axis when shorter ("3 Nov"). */
  short?: string;
  /** null: no figure for it (shown as "—"). */
  value: number | null;
}

/** The smallest "round" number (1, 2, 2.5, 5 × 10^n) at or above `value`; 1 for nothing to show. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/** `count` + 1 evenly spaced ticks from 0 to `top`. */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

/** Which of `n` axis labels to print so that about `wanted` show (always the first and the last). */
export function labelEvery(n: number, wanted = 6): (index: number) => boolean {
  const step = Math.max(1, Math.ceil(n / wanted));
  return (index) => index === n - 1 || (index % step === 0 && n - 1 - index >= step / 2);
}

/** The first and last axis labels hang inwards, so that neither is cut off at the chart's edge. */
export function edgeAnchor(index: number, n: number): 'start' | 'middle' | 'end' {
  if (n > 1 && index === n - 1) return 'end';
  if (n > 1 && index === 0) return 'start';
  return 'middle';
}
