/**
 * Choosing boxes — pure and deterministic. Units are placed largest first (first-fit decreasing by
 * volume) into the open packages; a package takes a unit if some box can still hold everything in
 * it: each unit fits the box geometrically (sorted dimensions compared, so rotation is allowed),
 * the summed volume stays within FILL_FACTOR of the box (items never tessellate perfectly; 85% is
 * the usual rule of thumb for rigid goods with void fill), and the weight within the box's limit.
 * Each package finally gets the smallest box that holds it. A unit no box can take (too large or
 * too heavy) ships alone as `oversize` in its own dimensions — an item is never dropped.
 * Products without dimensions (0 mm) count with NOMINAL_MM per side and fit any box.
 */
import type { Box, BoxCatalog } from './box-catalog.js';

export const FILL_FACTOR = 0.85;
const NOMINAL_MM = 100;

export interface PackItem {
  sku: string;
  quantity: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  weight_grams: number;
}

export interface PlannedPackage {
  box_code: string | null;
  oversize: boolean;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  /** Items plus the box. */
  weight_grams: number;
  items: Array<{ sku: string; quantity: number }>;
}

interface Unit {
  sku: string;
  dims: [number, number, number];
  volume: number;
  weight: number;
  dimensionless: boolean;
}

const sortedDims = (l: number, w: number, h: number): [number, number, number] => [l, w, h].sort((a, b) => b - a) as [number, number, number];
const boxVolume = (b: Box) => b.length_mm * b.width_mm * b.height_mm;

function unitFits(unit: Unit, box: Box): boolean {
  if (unit.dimensionless) return true;
  const inner = sortedDims(box.length_mm, box.width_mm, box.height_mm);
  return unit.dims[0] <= inner[0] && unit.dims[1] <= inner[1] && unit.dims[2] <= inner[2];
}

function boxHolds(box: Box, units: readonly Unit[]): boolean {
  const volume = units.reduce((n, u) => n + u.volume, 0);
  const weight = units.reduce((n, u) => n + u.weight, 0);
  return units.every((u) => unitFits(u, box)) && volume <= boxVolume(box) * FILL_FACTOR && weight + box.tare_grams <= box.max_weight_grams;
}

/** Above this many units, identical units are packed by count per SKU (see packInBulk). */
export const BULK_UNITS = 500;

export function packItems(items: readonly PackItem[], catalog: BoxCatalog): PlannedPackage[] {
  const boxes = [...catalog].sort((a, b) => boxVolume(a) - boxVolume(b) || (a.code < b.code ? -1 : 1));
  if (items.reduce((n, i) => n + i.quantity, 0) > BULK_UNITS) return items.flatMap((item) => packInBulk(item, boxes));
  const units: Unit[] = [];
  for (const item of items) {
    const dimensionless = item.length_mm <= 0 || item.width_mm <= 0 || item.height_mm <= 0;
    const dims = dimensionless ? sortedDims(NOMINAL_MM, NOMINAL_MM, NOMINAL_MM) : sortedDims(item.length_mm, item.width_mm, item.height_mm);
    for (let i = 0; i < item.quantity; i++) units.push({ sku: item.sku, dims, volume: dims[0] * dims[1] * dims[2], weight: Math.max(0, item.weight_grams), dimensionless });
  }
  units.sort((a, b) => b.volume - a.volume || b.weight - a.weight || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));

  const open: Unit[][] = [];
  const oversize: Unit[] = [];
  for (const unit of units) {
    if (!boxes.some((box) => boxHolds(box, [unit]))) {
      oversize.push(unit);
      continue;
    }
    const target = open.find((pkg) => boxes.some((box) => boxHolds(box, [...pkg, unit])));
    if (target) target.push(unit);
    else open.push([unit]);
  }

  const packages: PlannedPackage[] = open.map((pkg) => {
    const box = boxes.find((b) => boxHolds(b, pkg))!;
    return {
      box_code: box.code,
      oversize: false,
      length_mm: box.length_mm,
      width_mm: box.width_mm,
      height_mm: box.height_mm,
      weight_grams: pkg.reduce((n, u) => n + u.weight, 0) + box.tare_grams,
      items: countBySku(pkg),
    };
  });
  for (const unit of oversize) {
    packages.push({ box_code: null, oversize: true, length_mm: unit.dims[0], width_mm: unit.dims[1], height_mm: unit.dims[2], weight_grams: unit.weight, items: [{ sku: unit.sku, quantity: 1 }] });
  }
  return packages;
}

function countBySku(units: readonly Unit[]): Array<{ sku: string; quantity: number }> {
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u.sku, (counts.get(u.sku) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * Wholesale quantities: the unit-by-unit search above is quadratic in units, and a line may carry
 * 100,000 of them. Each SKU is packed on its own: as many identical units per box as the largest
 * box holds, then the last, partial box is the smallest that holds the rest.
 */
function packInBulk(item: PackItem, boxes: readonly Box[]): PlannedPackage[] {
  const dimensionless = item.length_mm <= 0 || item.width_mm <= 0 || item.height_mm <= 0;
  const dims = dimensionless ? sortedDims(NOMINAL_MM, NOMINAL_MM, NOMINAL_MM) : sortedDims(item.length_mm, item.width_mm, item.height_mm);
  const unit: Unit = { sku: item.sku, dims, volume: dims[0] * dims[1] * dims[2], weight: Math.max(0, item.weight_grams), dimensionless };
  const capacity = (box: Box) =>
    unitFits(unit, box) ? Math.floor(Math.min((boxVolume(box) * FILL_FACTOR) / unit.volume, unit.weight === 0 ? Infinity : (box.max_weight_grams - box.tare_grams) / unit.weight)) : 0;
  const largest = boxes.reduce<{ box: Box; fits: number } | null>((best, box) => (capacity(box) > (best?.fits ?? 0) ? { box, fits: capacity(box) } : best), null);
  if (largest === null) {
    return Array.from({ length: item.quantity }, () => ({ box_code: null, oversize: true, length_mm: dims[0], width_mm: dims[1], height_mm: dims[2], weight_grams: unit.weight, items: [{ sku: item.sku, quantity: 1 }] }));
  }
  const packages: PlannedPackage[] = [];
  for (let left = item.quantity; left > 0; ) {
    const count = Math.min(left, largest.fits);
    const box = boxes.find((b) => capacity(b) >= count)!;
    packages.push({ box_code: box.code, oversize: false, length_mm: box.length_mm, width_mm: box.width_mm, height_mm: box.height_mm, weight_grams: unit.weight * count + box.tare_grams, items: [{ sku: item.sku, quantity: count }] });
    left -= count;
  }
  return packages;
}
