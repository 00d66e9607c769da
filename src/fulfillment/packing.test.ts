import { describe, expect, it } from 'vitest';
import { defaultBoxCatalog, parseBoxCatalog } from './box-catalog.js';
import { BULK_UNITS, packItems, type PackItem } from './packing.js';
import { buildPickLists } from './pick-list.js';

const mug: PackItem = { sku: 'MUG', quantity: 1, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 };

function units(packages: ReturnType<typeof packItems>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of packages) for (const i of p.items) counts[i.sku] = (counts[i.sku] ?? 0) + i.quantity;
  return counts;
}

/** A small seeded generator, so that the property runs are repeatable. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('packing', () => {
  it('puts a single small item in the smallest box that holds it, weighing item plus box', () => {
    const [pkg, ...rest] = packItems([mug], defaultBoxCatalog);
    expect(rest).toEqual([]);
    expect(pkg).toMatchObject({ box_code: 'BOX-S', oversize: false, weight_grams: 350 + 180 });
  });

  it('lets a long thin item fit by rotating it', () => {
    const poster: PackItem = { sku: 'POSTER', quantity: 1, length_mm: 20, width_mm: 30, height_mm: 220, weight_grams: 100 };
    expect(packItems([poster], defaultBoxCatalog)[0]!.box_code).toBe('MAILER-S');
  });

  it('splits by weight when one box could hold the volume but not the weight', () => {
    const brick: PackItem = { sku: 'BRICK', quantity: 4, length_mm: 100, width_mm: 100, height_mm: 100, weight_grams: 9_000 };
    const packages = packItems([brick], defaultBoxCatalog);
    expect(packages.length).toBeGreaterThan(1);
    for (const p of packages) {
      const box = defaultBoxCatalog.find((b) => b.code === p.box_code)!;
      expect(p.weight_grams).toBeLessThanOrEqual(box.max_weight_grams);
    }
    expect(units(packages)).toEqual({ BRICK: 4 });
  });

  it('ships an item that fits no box alone, as oversize, in its own dimensions', () => {
    const sofa: PackItem = { sku: 'SOFA', quantity: 1, length_mm: 2000, width_mm: 900, height_mm: 800, weight_grams: 40_000 };
    expect(packItems([sofa, mug], defaultBoxCatalog)).toEqual(
      expect.arrayContaining([{ box_code: null, oversize: true, length_mm: 2000, width_mm: 900, height_mm: 800, weight_grams: 40_000, items: [{ sku: 'SOFA', quantity: 1 }] }]),
    );
  });

  it('packs items without dimensions by a nominal size', () => {
    const packages = packItems([{ sku: 'GIFT', quantity: 3, length_mm: 0, width_mm: 0, height_mm: 0, weight_grams: 100 }], defaultBoxCatalog);
    expect(units(packages)).toEqual({ GIFT: 3 });
  });

  it('packs every unit exactly once, deterministically, for random orders (seeded)', () => {
    const next = random(42);
    for (let run = 0; run < 200; run++) {
      const items: PackItem[] = Array.from({ length: 1 + Math.floor(next() * 5) }, (_, i) => ({
        sku: `S${i}`,
        quantity: 1 + Math.floor(next() * 8),
        length_mm: Math.floor(next() * 500),
        width_mm: Math.floor(next() * 300),
        height_mm: Math.floor(next() * 300),
        weight_grams: Math.floor(next() * 12_000),
      }));
      const packages = packItems(items, defaultBoxCatalog);
      expect(units(packages)).toEqual(Object.fromEntries(items.map((i) => [i.sku, i.quantity])));
      expect(packItems(items, defaultBoxCatalog)).toEqual(packages);
    }
  });

  it('packs wholesale quantities by count per SKU, quickly and completely', () => {
    const many: PackItem = { ...mug, quantity: 100_000 };
    const packages = packItems([many], defaultBoxCatalog);
    expect(units(packages)).toEqual({ MUG: 100_000 });
    expect(BULK_UNITS).toBeLessThan(100_000);
  });
});

describe('box catalog', () => {
  it('parses a valid catalog and names what is wrong in a bad one', () => {
    expect(parseBoxCatalog('[{"code":"A","length_mm":10,"width_mm":10,"height_mm":10,"tare_grams":5,"max_weight_grams":100}]')[0]!.name).toBe('A');
    expect(() => parseBoxCatalog('nope')).toThrow('is not valid JSON');
    expect(() => parseBoxCatalog('[]')).toThrow('non-empty');
    expect(() => parseBoxCatalog('[{"code":"A","length_mm":0,"width_mm":10,"height_mm":10,"tare_grams":5,"max_weight_grams":100}]')).toThrow('A: length_mm');
  });
});

describe('pick lists', () => {
  it('makes one list per warehouse with lines by SKU, units and weight', () => {
    const lists = buildPickLists(
      [
        { sku: 'TEE', warehouse: 'EWR', quantity: 1 },
        { sku: 'MUG', warehouse: 'EWR', quantity: 2 },
        { sku: 'MUG', warehouse: 'DAL', quantity: 1 },
      ],
      [
        { sku: 'MUG', name: 'Mug', weight_grams: 350 },
        { sku: 'TEE', name: 'Tee', weight_grams: 200 },
      ],
    );
    expect(lists).toEqual([
      { warehouse: 'DAL', lines: [{ sku: 'MUG', name: 'Mug', quantity: 1, weight_grams: 350 }], total_units: 1, total_weight_grams: 350 },
      {
        warehouse: 'EWR',
        lines: [
          { sku: 'MUG', name: 'Mug', quantity: 2, weight_grams: 700 },
          { sku: 'TEE', name: 'Tee', quantity: 1, weight_grams: 200 },
        ],
        total_units: 3,
        total_weight_grams: 900,
      },
    ]);
  });
});
