import { describe, expect, it } from 'vitest';
import { defaultBoxCatalog, parseBoxCatalog } from './box-catalog.js';

const good = { code: 'A', length_mm: 10, width_mm: 10, height_mm: 10, tare_grams: 5, max_weight_grams: 100 };
const one = (fields: Record<string, unknown>) => JSON.stringify([{ ...good, ...fields }]);

describe('box catalog', () => {
  it('has a default set from a mailer to a large box that passes its own checks', () => {
    expect(defaultBoxCatalog.length).toBeGreaterThanOrEqual(5);
    expect(parseBoxCatalog(JSON.stringify(defaultBoxCatalog))).toEqual(defaultBoxCatalog);
    expect(Object.isFrozen(defaultBoxCatalog) && defaultBoxCatalog.every(Object.isFrozen)).toBe(true);
  });

  it('parses a valid catalog; the name defaults to the code', () => {
    const catalog = parseBoxCatalog(JSON.stringify([good, { ...good, code: 'B-2', name: 'Bigger', length_mm: 20, tare_grams: 0 }]));
    expect(catalog).toEqual([
      { ...good, name: 'A' },
      { ...good, code: 'B-2', name: 'Bigger', length_mm: 20, tare_grams: 0 },
    ]);
  });

  it('says what is wrong, naming the box and the field', () => {
    const cases: Array<[string, string]> = [
      ['nope', 'is not valid JSON'],
      ['{}', 'non-empty JSON array'],
      ['[]', 'non-empty JSON array'],
      ['[1]', 'box 0 is not an object'],
      [one({ code: '' }), 'box 0: code must be'],
      [one({ code: 'has space' }), 'box 0: code must be'],
      [JSON.stringify([good, good]), 'box 1 (A): code A appears twice'],
      [one({ lenght_mm: 10 }), 'box 0 (A): unknown field "lenght_mm"'],
      [one({ name: 7 }), 'box 0 (A): name must be'],
      [one({ length_mm: 0 }), 'box 0 (A): length_mm must be a whole number of millimetres from 1 to 10000, got 0'],
      [one({ width_mm: 10.5 }), 'width_mm must be a whole number'],
      [one({ height_mm: '10' }), 'height_mm must be a whole number of millimetres from 1 to 10000, got "10"'],
      [one({ height_mm: 20_000 }), 'height_mm must be'],
      [one({ tare_grams: -1 }), 'tare_grams must be a whole number of grams from 0'],
      [one({ max_weight_grams: undefined }), 'max_weight_grams must be a whole number of grams from 1 to 1000000, got undefined'],
      [one({ max_weight_grams: 5 }), 'max_weight_grams (5) must exceed tare_grams (5)'],
    ];
    for (const [json, message] of cases) expect(() => parseBoxCatalog(json), json).toThrow(message);
  });
});
