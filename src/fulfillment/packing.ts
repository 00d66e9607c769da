/**
 * Choosing boxes for one warehouse's items — pure and deterministic (same input, same packages,
 * whatever order the items and boxes come in).
 *
 * Heuristic: first-fit decreasing. Units are taken largest volume first (then heaviest, then by
 * SKU) and each goes into the first open package that some box can still hold with it; when none
 * can, a package is opened. Because any box may hold a package while it fills, packages grow to the
 * largest box that takes them, which keeps the number of packages low (the first goal: each parcel
 * costs a label); at the end each package gets the smallest box that holds its contents (the second
 * goal: less box volume, less dimensional weight).
 *
 * A box holds a set of units when
 * - each unit fits it geometrically: the unit's sorted dimensions are each within the box's sorted
 *   inner dimensions, so any axis-aligned rotation is allowed (a long, thin item lies along the
 *   box's longest side);
 * - their summed volume is within FILL_PERCENT of the inner volume: real goods do not tessellate,
 *   and void fill and the hand of the packer take space. 85% is the usual rule of thumb for rigid
 *   goods; it errs towards a bigger box rather than a parcel that does not close. This is a volume
 *   bound, not a 3-D placement: it can accept a set that a packer has to rearrange, rarely one that
 *   cannot go in at all;
 * - contents plus the box's tare stay within its weight limit.
 *
 * Units without dimensions (any of the three 0) cannot be checked geometrically: they count with a
 * nominal volume (a 100 mm cube, a litre: a small boxed product) and their real weight, and fit any
 * box that has the room. Alone and too heavy for every box, such a unit ships as an oversize package
 * with 0 mm dimensions: unknown, rather than invented on a carrier's label.
 *
 * A unit no box can take (too large or too heavy even alone) ships on its own as `oversize`, in its
 * own sorted dimensions and weight, without a box. No unit is ever dropped.
 *
 * Identical units (same SKU, dimensions and weight) are placed by count: a package that has no room
 * for one of them has none for the next, so filling each open package with as many as fit gives the
 * same result as placing them one by one, in time linear in packages rather than in units (an order
 * line may carry 100,000 units).
 */
import type { Box, BoxCatalog } from './box-catalog.js';

/** Share of a box's inner volume that contents may fill, in percent (see above for why 85). */
export const FILL_PERCENT = 85;
/** Side of the cube that stands in for a unit without dimensions. */
export const NOMINAL_MM = 100;

/** One SKU's units to pack, with the dimensions and weight of one unit. */
export interface PackItem {
  sku: string;
  quantity: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  weight_grams: number;
}

export interface PlannedPackage {
  /** The box, or null for an oversize unit that ships as is. */
  box_code: string | null;
  oversize: boolean;
  /** The box's inner dimensions, or the oversize unit's own (sorted, longest first; 0 if unknown). */
  length_mm: number;
  width_mm: number;
  height_mm: number;
  /** Contents plus the box's tare. */
  weight_grams: number;
  /** By SKU, each SKU once. */
  items: Array<{ sku: string; quantity: number }>;
}

type Dims = readonly [number, number, number];

/** Identical units: one SKU with one set of dimensions and one weight. */
interface Kind {
  sku: string;
  /** Sorted, longest first; null when unknown. */
  dims: Dims | null;
  volume: number;
  weight: number;
  quantity: number;
}

interface Sized {
  box: Box;
  dims: Dims;
  /** The inner volume contents may fill (FILL_PERCENT), floored to a whole mm³. */
  room: number;
  volume: number;
}

interface OpenPackage {
  counts: Map<string, number>;
  /** Per sorted axis, the largest unit dimension inside: what a box must reach. */
  reach: [number, number, number];
  volume: number;
  weight: number;
}

const sorted = (a: number, b: number, c: number): Dims => [a, b, c].sort((x, y) => y - x) as unknown as Dims;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The packages for one warehouse's items: boxes chosen from the catalog by the rules above. */
export function packItems(items: readonly PackItem[], catalog: BoxCatalog): PlannedPackage[] {
  const boxes = sizedBoxes(catalog);
  const open: OpenPackage[] = [];
  const oversize: PlannedPackage[] = [];

  for (const kind of kindsOf(items)) {
    let left = kind.quantity;
    for (const pkg of open) {
      if (left === 0) break;
      const take = Math.min(left, capacity(pkg, kind, boxes));
      if (take > 0) add(pkg, kind, take);
      left -= take;
    }
    const perPackage = left > 0 ? capacity(emptyPackage(), kind, boxes) : 0;
    if (perPackage === 0) {
      for (; left > 0; left--) oversize.push(oversizePackage(kind));
      continue;
    }
    while (left > 0) {
      const pkg = emptyPackage();
      const take = Math.min(left, perPackage);
      add(pkg, kind, take);
      open.push(pkg);
      left -= take;
    }
  }

  const packed = open.map((pkg): PlannedPackage => {
    // Some box held the package at every step, so one holds it now; the smallest is first.
    const { box } = boxes.find((b) => holds(b, pkg))!;
    return {
      box_code: box.code,
      oversize: false,
      length_mm: box.length_mm,
      width_mm: box.width_mm,
      height_mm: box.height_mm,
      weight_grams: pkg.weight + box.tare_grams,
      items: [...pkg.counts].sort(([a], [b]) => byText(a, b)).map(([sku, quantity]) => ({ sku, quantity })),
    };
  });
  return [...packed, ...oversize];
}

/** Smallest first: by inner volume, then lighter limit, then code, so catalog order does not matter. */
function sizedBoxes(catalog: BoxCatalog): Sized[] {
  return catalog
    .map((box) => {
      const volume = box.length_mm * box.width_mm * box.height_mm;
      return { box, dims: sorted(box.length_mm, box.width_mm, box.height_mm), volume, room: Math.floor((volume * FILL_PERCENT) / 100) };
    })
    .sort((a, b) => a.volume - b.volume || a.box.max_weight_grams - b.box.max_weight_grams || byText(a.box.code, b.box.code));
}

function kindsOf(items: readonly PackItem[]): Kind[] {
  const kinds = new Map<string, Kind>();
  for (const item of items) {
    // Whole numbers, as the catalog stores them, keep every sum below exact: a package that some
    // box admitted is then certainly held by one at the end.
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 0) throw new RangeError(`packing: quantity of ${item.sku} must be a whole number ≥ 0, got ${item.quantity}`);
    if (!Number.isSafeInteger(item.weight_grams) || item.weight_grams < 0) throw new RangeError(`packing: weight of ${item.sku} must be whole grams ≥ 0, got ${item.weight_grams}`);
    const raw = [item.length_mm, item.width_mm, item.height_mm];
    if (raw.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new RangeError(`packing: dimensions of ${item.sku} must be whole mm ≥ 0 (0 = unknown), got ${raw.join(' × ')}`);
    if (item.quantity === 0) continue;
    const dims = raw.some((d) => d === 0) ? null : sorted(item.length_mm, item.width_mm, item.height_mm);
    const volume = dims ? dims[0] * dims[1] * dims[2] : NOMINAL_MM ** 3;
    const key = JSON.stringify([item.sku, dims, item.weight_grams]);
    const same = kinds.get(key);
    if (same) same.quantity += item.quantity;
    else kinds.set(key, { sku: item.sku, dims, volume, weight: item.weight_grams, quantity: item.quantity });
  }
  return [...kinds.values()].sort(
    (a, b) => b.volume - a.volume || b.weight - a.weight || byText(a.sku, b.sku) || (a.dims === null ? 1 : 0) - (b.dims === null ? 1 : 0) || dimsOrder(a.dims, b.dims),
  );
}

function dimsOrder(a: Dims | null, b: Dims | null): number {
  if (a === null || b === null) return 0;
  return b[0] - a[0] || b[1] - a[1] || b[2] - a[2];
}

const emptyPackage = (): OpenPackage => ({ counts: new Map(), reach: [0, 0, 0], volume: 0, weight: 0 });

function add(pkg: OpenPackage, kind: Kind, count: number): void {
  pkg.counts.set(kind.sku, (pkg.counts.get(kind.sku) ?? 0) + count);
  if (kind.dims) pkg.reach = [Math.max(pkg.reach[0], kind.dims[0]), Math.max(pkg.reach[1], kind.dims[1]), Math.max(pkg.reach[2], kind.dims[2])];
  pkg.volume += kind.volume * count;
  pkg.weight += kind.weight * count;
}

/**
 * How many more units of `kind` some box can hold together with what the package has. A unit that
 * fits a box geometrically fits it in any company: the check is per unit, so the package only
 * needs its per-axis reach within the box.
 */
function capacity(pkg: OpenPackage, kind: Kind, boxes: readonly Sized[]): number {
  let best = 0;
  for (const b of boxes) {
    if (!reaches(b, pkg.reach) || (kind.dims && !reaches(b, kind.dims))) continue;
    const byVolume = Math.floor((b.room - pkg.volume) / kind.volume);
    const spare = b.box.max_weight_grams - b.box.tare_grams - pkg.weight;
    const byWeight = kind.weight === 0 ? (spare >= 0 ? Infinity : 0) : Math.floor(spare / kind.weight);
    best = Math.max(best, Math.min(byVolume, byWeight));
  }
  return best;
}

const reaches = (b: Sized, dims: Dims): boolean => dims[0] <= b.dims[0] && dims[1] <= b.dims[1] && dims[2] <= b.dims[2];

function holds(b: Sized, pkg: OpenPackage): boolean {
  return reaches(b, pkg.reach) && pkg.volume <= b.room && pkg.weight + b.box.tare_grams <= b.box.max_weight_grams;
}

function oversizePackage(kind: Kind): PlannedPackage {
  const [length_mm, width_mm, height_mm] = kind.dims ?? [0, 0, 0];
  return { box_code: null, oversize: true, length_mm, width_mm, height_mm, weight_grams: kind.weight, items: [{ sku: kind.sku, quantity: 1 }] };
}
