import { describe, expect, it } from 'vitest';
import { defaultBoxCatalog, type Box, type BoxCatalog } from './box-catalog.js';
import { FILL_PERCENT, NOMINAL_MM, packItems, type PackItem, type PlannedPackage } from './packing.js';

const mug: PackItem = { sku: 'MUG', quantity: 1, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 };
const boxOf = (code: string | null): Box => defaultBoxCatalog.find((b) => b.code === code)!;

function units(packages: readonly PlannedPackage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of packages) for (const i of p.items) counts[i.sku] = (counts[i.sku] ?? 0) + i.quantity;
  return counts;
}

/** A small seeded generator (LCG), so that the property runs are repeatable. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function shuffled<T>(list: readonly T[], next: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const sortedDims = (l: number, w: number, h: number) => [l, w, h].sort((a, b) => b - a);
const known = (i: PackItem) => i.length_mm > 0 && i.width_mm > 0 && i.height_mm > 0;
const volumeOf = (i: PackItem) => (known(i) ? i.length_mm * i.width_mm * i.height_mm : NOMINAL_MM ** 3);

function fitsBox(i: PackItem, b: Box): boolean {
  if (!known(i)) return true;
  const [a, c] = [sortedDims(i.length_mm, i.width_mm, i.height_mm), sortedDims(b.length_mm, b.width_mm, b.height_mm)];
  return a.every((d, k) => d <= c[k]!);
}

/** The rules spelled out once more, unit by unit, to check packItems against. */
function boxHolds(b: Box, contents: readonly PackItem[]): boolean {
  const volume = contents.reduce((n, i) => n + volumeOf(i), 0);
  const weight = contents.reduce((n, i) => n + i.weight_grams, 0);
  const room = Math.floor((b.length_mm * b.width_mm * b.height_mm * FILL_PERCENT) / 100);
  return contents.every((i) => fitsBox(i, b)) && volume <= room && weight + b.tare_grams <= b.max_weight_grams;
}

/** Reference: plain first-fit decreasing over single units (quadratic, fine for small orders). */
function referencePack(items: readonly PackItem[], catalog: BoxCatalog): PlannedPackage[] {
  const boxes = [...catalog].sort((a, b) => a.length_mm * a.width_mm * a.height_mm - b.length_mm * b.width_mm * b.height_mm || a.max_weight_grams - b.max_weight_grams || (a.code < b.code ? -1 : 1));
  const singles = items.flatMap((i) => Array.from({ length: i.quantity }, () => ({ ...i, quantity: 1 })));
  singles.sort((a, b) => volumeOf(b) - volumeOf(a) || b.weight_grams - a.weight_grams || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const open: PackItem[][] = [];
  const oversize: PlannedPackage[] = [];
  for (const unit of singles) {
    if (!boxes.some((b) => boxHolds(b, [unit]))) {
      const [l, w, h] = known(unit) ? sortedDims(unit.length_mm, unit.width_mm, unit.height_mm) : [0, 0, 0];
      oversize.push({ box_code: null, oversize: true, length_mm: l!, width_mm: w!, height_mm: h!, weight_grams: unit.weight_grams, items: [{ sku: unit.sku, quantity: 1 }] });
      continue;
    }
    const target = open.find((pkg) => boxes.some((b) => boxHolds(b, [...pkg, unit])));
    if (target) target.push(unit);
    else open.push([unit]);
  }
  return [
    ...open.map((pkg) => {
      const box = boxes.find((b) => boxHolds(b, pkg))!;
      const counts = new Map<string, number>();
      for (const u of pkg) counts.set(u.sku, (counts.get(u.sku) ?? 0) + 1);
      return {
        box_code: box.code,
        oversize: false,
        length_mm: box.length_mm,
        width_mm: box.width_mm,
        height_mm: box.height_mm,
        weight_grams: pkg.reduce((n, u) => n + u.weight_grams, 0) + box.tare_grams,
        items: [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sku, quantity]) => ({ sku, quantity })),
      };
    }),
    ...oversize,
  ];
}

function randomItems(next: () => number): PackItem[] {
  return Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => {
    const dimensionless = next() < 0.1;
    const dim = (max: number) => (dimensionless ? 0 : 1 + Math.floor(next() * max));
    return { sku: `S${i}`, quantity: Math.floor(next() * 9), length_mm: dim(650), width_mm: dim(350), height_mm: dim(300), weight_grams: Math.floor(next() * 14_000) };
  });
}

describe('packing: choosing boxes', () => {
  it('puts a single small item in the smallest box that holds it, weighing item plus box', () => {
    expect(packItems([mug], defaultBoxCatalog)).toEqual([
      { box_code: 'BOX-XS', oversize: false, length_mm: 150, width_mm: 150, height_mm: 150, weight_grams: 350 + 120, items: [{ sku: 'MUG', quantity: 1 }] },
    ]);
    const card: PackItem = { sku: 'CARD', quantity: 1, length_mm: 150, width_mm: 100, height_mm: 10, weight_grams: 40 };
    expect(packItems([card], defaultBoxCatalog)[0]).toMatchObject({ box_code: 'MAILER-S', weight_grams: 100 });
  });

  it('lets an item fit by rotation: sorted dimensions are compared, not the given orientation', () => {
    // Given standing up (230 mm high), it still lies flat in a 50 mm high mailer.
    const poster: PackItem = { sku: 'POSTER', quantity: 1, length_mm: 30, width_mm: 20, height_mm: 220, weight_grams: 100 };
    expect(packItems([poster], defaultBoxCatalog)[0]!.box_code).toBe('MAILER-S');
    // 500 mm long: only the extra large box (600 mm) is long enough, although far smaller ones have the volume.
    const rod: PackItem = { sku: 'ROD', quantity: 1, length_mm: 30, width_mm: 500, height_mm: 30, weight_grams: 300 };
    expect(packItems([rod], defaultBoxCatalog)[0]!.box_code).toBe('BOX-XL');
  });

  it('splits many items over as few boxes as the largest box allows, the last one as small as it can be', () => {
    // A mug is 1.08 l; the extra large box takes 85% of 96 l = 81.6 l, so 75 mugs.
    const packages = packItems([{ ...mug, quantity: 100 }], defaultBoxCatalog);
    expect(packages.map((p) => [p.box_code, p.items])).toEqual([
      ['BOX-XL', [{ sku: 'MUG', quantity: 75 }]],
      ['BOX-L', [{ sku: 'MUG', quantity: 25 }]],
    ]);
    expect(packages[0]!.weight_grams).toBe(75 * 350 + 800);
  });

  it('mixes SKUs in one box when they fit together', () => {
    const tee: PackItem = { sku: 'TEE', quantity: 2, length_mm: 250, width_mm: 200, height_mm: 20, weight_grams: 180 };
    const packages = packItems([tee, { ...mug, quantity: 2 }], defaultBoxCatalog);
    expect(packages).toHaveLength(1);
    expect(packages[0]!.items).toEqual([
      { sku: 'MUG', quantity: 2 },
      { sku: 'TEE', quantity: 2 },
    ]);
    expect(packages[0]!.box_code).toBe('BOX-S');
  });

  it('splits by weight when one box could hold the volume but not the weight', () => {
    // 4 × 9 kg in 4 litres: a small box has the room, no box the strength.
    const brick: PackItem = { sku: 'BRICK', quantity: 4, length_mm: 100, width_mm: 100, height_mm: 100, weight_grams: 9_000 };
    const packages = packItems([brick], defaultBoxCatalog);
    expect(packages.map((p) => [p.box_code, p.items[0]!.quantity, p.weight_grams])).toEqual([
      ['BOX-XL', 3, 27_000 + 800],
      ['BOX-S', 1, 9_000 + 180],
    ]);
    for (const p of packages) expect(p.weight_grams).toBeLessThanOrEqual(boxOf(p.box_code).max_weight_grams);
  });

  it('ships an item that fits no box alone, as oversize, in its own dimensions, never dropping it', () => {
    const sofa: PackItem = { sku: 'SOFA', quantity: 2, length_mm: 900, width_mm: 2000, height_mm: 800, weight_grams: 40_000 };
    const anvil: PackItem = { sku: 'ANVIL', quantity: 1, length_mm: 200, width_mm: 100, height_mm: 150, weight_grams: 35_000 };
    const packages = packItems([sofa, mug, anvil], defaultBoxCatalog);
    expect(packages).toEqual([
      { box_code: 'BOX-XS', oversize: false, length_mm: 150, width_mm: 150, height_mm: 150, weight_grams: 470, items: [{ sku: 'MUG', quantity: 1 }] },
      { box_code: null, oversize: true, length_mm: 2000, width_mm: 900, height_mm: 800, weight_grams: 40_000, items: [{ sku: 'SOFA', quantity: 1 }] },
      { box_code: null, oversize: true, length_mm: 2000, width_mm: 900, height_mm: 800, weight_grams: 40_000, items: [{ sku: 'SOFA', quantity: 1 }] },
      { box_code: null, oversize: true, length_mm: 200, width_mm: 150, height_mm: 100, weight_grams: 35_000, items: [{ sku: 'ANVIL', quantity: 1 }] },
    ]);
    expect(packItems([mug], [])).toMatchObject([{ box_code: null, oversize: true }]);
  });

  it('counts items without dimensions by a nominal litre and their real weight', () => {
    const gift: PackItem = { sku: 'GIFT', quantity: 3, length_mm: 0, width_mm: 0, height_mm: 0, weight_grams: 100 };
    // 3 nominal litres exceed the extra small box's 2.87 l of room; the small box's 6.4 l take them.
    expect(packItems([gift], defaultBoxCatalog)).toMatchObject([{ box_code: 'BOX-S', weight_grams: 300 + 180, items: [{ sku: 'GIFT', quantity: 3 }] }]);
    // One unknown dimension is as unknown as three.
    expect(packItems([{ ...gift, quantity: 1, length_mm: 50, width_mm: 50 }], defaultBoxCatalog)).toMatchObject([{ box_code: 'MAILER-S' }]);
    // Too heavy for any box, it ships as is, and its size stays unknown rather than invented.
    expect(packItems([{ ...gift, quantity: 1, weight_grams: 50_000 }], defaultBoxCatalog)).toEqual([
      { box_code: null, oversize: true, length_mm: 0, width_mm: 0, height_mm: 0, weight_grams: 50_000, items: [{ sku: 'GIFT', quantity: 1 }] },
    ]);
  });

  it('skips lines of 0 units and refuses inputs that are not quantities, weights or sizes', () => {
    expect(packItems([{ ...mug, quantity: 0 }], defaultBoxCatalog)).toEqual([]);
    expect(packItems([], defaultBoxCatalog)).toEqual([]);
    expect(() => packItems([{ ...mug, quantity: 1.5 }], defaultBoxCatalog)).toThrow(RangeError);
    expect(() => packItems([{ ...mug, quantity: -1 }], defaultBoxCatalog)).toThrow(RangeError);
    expect(() => packItems([{ ...mug, weight_grams: Number.NaN }], defaultBoxCatalog)).toThrow(RangeError);
    expect(() => packItems([{ ...mug, height_mm: -5 }], defaultBoxCatalog)).toThrow(RangeError);
    expect(() => packItems([{ ...mug, width_mm: 90.5 }], defaultBoxCatalog)).toThrow(RangeError);
  });

  it('is deterministic: same packages whatever the order of items and boxes', () => {
    const next = random(7);
    for (let run = 0; run < 50; run++) {
      const items = randomItems(next);
      const expected = packItems(items, defaultBoxCatalog);
      expect(packItems(items, defaultBoxCatalog)).toEqual(expected);
      expect(packItems(shuffled(items, next), shuffled(defaultBoxCatalog, next))).toEqual(expected);
    }
  });

  it('packs every unit exactly once, within each box\'s limits, as unit-by-unit first-fit would (seeded random orders)', () => {
    const next = random(42);
    for (let run = 0; run < 300; run++) {
      const items = randomItems(next);
      const packages = packItems(items, defaultBoxCatalog);
      const wanted = Object.fromEntries(items.filter((i) => i.quantity > 0).map((i) => [i.sku, i.quantity]));
      expect(units(packages)).toEqual(wanted);
      const bySku = new Map(items.map((i) => [i.sku, i]));
      for (const p of packages) {
        const contents = p.items.flatMap((i) => Array.from({ length: i.quantity }, () => bySku.get(i.sku)!));
        if (p.oversize) {
          expect(contents).toHaveLength(1);
          expect(defaultBoxCatalog.some((b) => boxHolds(b, contents))).toBe(false);
        } else {
          expect(boxHolds(boxOf(p.box_code), contents)).toBe(true);
          expect(p.weight_grams).toBe(contents.reduce((n, i) => n + i.weight_grams, 0) + boxOf(p.box_code).tare_grams);
        }
      }
      expect(packages).toEqual(referencePack(items, defaultBoxCatalog));
    }
  });

  it('packs wholesale quantities by count, completely (a per-unit search would time out here)', () => {
    const packages = packItems([{ ...mug, quantity: 100_000 }, { ...mug, sku: 'MUG-2', quantity: 100_000 }], defaultBoxCatalog);
    expect(units(packages)).toEqual({ MUG: 100_000, 'MUG-2': 100_000 });
    // The second SKU tops up the first one's last box: no more boxes than the volume needs.
    expect(packages).toHaveLength(Math.ceil(200_000 / 75));
  });
});
