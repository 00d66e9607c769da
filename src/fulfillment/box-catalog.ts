/** The boxes a shop packs into; from WAYBILL_BOXES (JSON) or the default corrugated set. */
export interface Box {
  code: string;
  name: string;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  /** The empty box's own weight. */
  tare_grams: number;
  /** Contents plus box, at most. */
  max_weight_grams: number;
}

export type BoxCatalog = readonly Box[];

export const defaultBoxCatalog: BoxCatalog = Object.freeze([
  { code: 'MAILER-S', name: 'Small mailer', length_mm: 230, width_mm: 160, height_mm: 50, tare_grams: 60, max_weight_grams: 2_000 },
  { code: 'BOX-S', name: 'Small box', length_mm: 250, width_mm: 200, height_mm: 150, tare_grams: 180, max_weight_grams: 10_000 },
  { code: 'BOX-M', name: 'Medium box', length_mm: 350, width_mm: 250, height_mm: 200, tare_grams: 300, max_weight_grams: 20_000 },
  { code: 'BOX-L', name: 'Large box', length_mm: 450, width_mm: 350, height_mm: 300, tare_grams: 500, max_weight_grams: 25_000 },
  { code: 'BOX-XL', name: 'Extra large box', length_mm: 600, width_mm: 400, height_mm: 400, tare_grams: 800, max_weight_grams: 30_000 },
]);

const fields = ['length_mm', 'width_mm', 'height_mm', 'tare_grams', 'max_weight_grams'] as const;

/** Parses and checks a catalog; throws an Error whose message names what is wrong. */
export function parseBoxCatalog(json: string): BoxCatalog {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('is not valid JSON');
  }
  if (!Array.isArray(value) || value.length === 0) throw new Error('must be a non-empty JSON array of boxes');
  const codes = new Set<string>();
  return Object.freeze(
    value.map((item: unknown, i) => {
      if (typeof item !== 'object' || item === null) throw new Error(`box ${i} is not an object`);
      const box = item as Record<string, unknown>;
      if (typeof box.code !== 'string' || box.code.length === 0) throw new Error(`box ${i} needs a code`);
      if (codes.has(box.code)) throw new Error(`box code ${box.code} appears twice`);
      codes.add(box.code);
      for (const field of fields) {
        const n = box[field];
        if (typeof n !== 'number' || !Number.isInteger(n) || n < (field === 'tare_grams' ? 0 : 1)) throw new Error(`box ${box.code}: ${field} must be a positive whole number`);
      }
      if ((box.max_weight_grams as number) <= (box.tare_grams as number)) throw new Error(`box ${box.code}: max_weight_grams must exceed tare_grams`);
      return {
        code: box.code,
        name: typeof box.name === 'string' ? box.name : box.code,
        length_mm: box.length_mm as number,
        width_mm: box.width_mm as number,
        height_mm: box.height_mm as number,
        tare_grams: box.tare_grams as number,
        max_weight_grams: box.max_weight_grams as number,
      };
    }),
  );
}
