/**
 * The boxes a shop packs into: WAYBILL_BOXES (a JSON array) or the default corrugated set below.
 * Dimensions are the box's inner dimensions (what the goods must fit in); packages report them as
 * their size, so a shop whose carriers bill by outer size should list slightly generous boxes.
 */
export interface Box {
  readonly code: string;
  readonly name: string;
  /** Inner dimensions, any order: packing compares sorted dimensions. */
  readonly length_mm: number;
  readonly width_mm: number;
  readonly height_mm: number;
  /** The empty box's own weight (with its void fill), added to every package packed in it. */
  readonly tare_grams: number;
  /** Contents plus box, at most. */
  readonly max_weight_grams: number;
}

export type BoxCatalog = readonly Box[];

const box = (b: Box): Box => Object.freeze(b);

/**
 * Common sizes from a padded mailer to the largest single-wall box one person carries. The weight
 * limits stay under the 30–32 kg most parcel carriers take and under what each board grade holds.
 */
export const defaultBoxCatalog: BoxCatalog = Object.freeze([
  box({ code: 'MAILER-S', name: 'Small mailer', length_mm: 230, width_mm: 160, height_mm: 50, tare_grams: 60, max_weight_grams: 2_000 }),
  box({ code: 'BOX-XS', name: 'Extra small box', length_mm: 150, width_mm: 150, height_mm: 150, tare_grams: 120, max_weight_grams: 5_000 }),
  box({ code: 'BOX-S', name: 'Small box', length_mm: 250, width_mm: 200, height_mm: 150, tare_grams: 180, max_weight_grams: 10_000 }),
  box({ code: 'BOX-M', name: 'Medium box', length_mm: 350, width_mm: 250, height_mm: 200, tare_grams: 300, max_weight_grams: 20_000 }),
  box({ code: 'BOX-L', name: 'Large box', length_mm: 450, width_mm: 350, height_mm: 300, tare_grams: 500, max_weight_grams: 25_000 }),
  box({ code: 'BOX-XL', name: 'Extra large box', length_mm: 600, width_mm: 400, height_mm: 400, tare_grams: 800, max_weight_grams: 30_000 }),
]);

// Limits that catch a unit mistake (metres, kilograms, inches) and keep every volume an exact integer.
const MAX_MM = 10_000;
const MAX_GRAMS = 1_000_000;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const numeric = [
  ['length_mm', 1, MAX_MM, 'millimetres'],
  ['width_mm', 1, MAX_MM, 'millimetres'],
  ['height_mm', 1, MAX_MM, 'millimetres'],
  ['tare_grams', 0, MAX_GRAMS, 'grams'],
  ['max_weight_grams', 1, MAX_GRAMS, 'grams'],
] as const;
const known = new Set(['code', 'name', ...numeric.map(([field]) => field)]);

/**
 * Parses and checks a catalog (the value of WAYBILL_BOXES). Throws an Error whose message says which
 * box and which field is wrong, for the caller to report as a configuration error.
 */
export function parseBoxCatalog(json: string): BoxCatalog {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!Array.isArray(value) || value.length === 0) throw new Error('must be a non-empty JSON array of boxes, like [{"code":"BOX-S","length_mm":250,…}]');
  const codes = new Set<string>();
  return Object.freeze(
    value.map((item: unknown, i): Box => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`box ${i} is not an object`);
      const raw = item as Record<string, unknown>;
      if (typeof raw.code !== 'string' || !CODE.test(raw.code)) {
        throw new Error(`box ${i}: code must be 1–40 letters, digits, ".", "_" or "-" (starting with a letter or digit), got ${JSON.stringify(raw.code)}`);
      }
      const code = raw.code;
      const where = `box ${i} (${code})`;
      if (codes.has(code)) throw new Error(`${where}: code ${code} appears twice`);
      codes.add(code);
      const unknown = Object.keys(raw).filter((key) => !known.has(key));
      if (unknown.length > 0) throw new Error(`${where}: unknown field ${JSON.stringify(unknown[0])} (known: ${[...known].join(', ')})`);
      if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.trim() === '' || raw.name.length > 100)) {
        throw new Error(`${where}: name must be a non-empty string of at most 100 characters`);
      }
      for (const [field, min, max, unit] of numeric) {
        const n = raw[field];
        if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
          throw new Error(`${where}: ${field} must be a whole number of ${unit} from ${min} to ${max}, got ${JSON.stringify(n)}`);
        }
      }
      const tare = raw.tare_grams as number;
      const max = raw.max_weight_grams as number;
      if (max <= tare) throw new Error(`${where}: max_weight_grams (${max}) must exceed tare_grams (${tare}), or nothing fits`);
      return box({
        code,
        name: typeof raw.name === 'string' ? raw.name : code,
        length_mm: raw.length_mm as number,
        width_mm: raw.width_mm as number,
        height_mm: raw.height_mm as number,
        tare_grams: tare,
        max_weight_grams: max,
      });
    }),
  );
}
