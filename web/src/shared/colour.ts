/**
 * Colour arithmetic for the shop's brand colours (WAYBILL_SHOP_PRIMARY_COLOR…): a text colour that
 * stays readable on any of them (WCAG 2 contrast). Pure.
 */

/** Relative luminance of `#rrggbb` (WCAG 2.x). */
export function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return 0;
  const [r, g, b] = [match[1]!, match[2]!, match[3]!].map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * White or black, whichever reads better on `background`: one of the two always reaches 4.5:1
 * (WCAG AA for text), even on a mid grey, where a softer near-black would not.
 */
export function readableTextOn(background: string): '#ffffff' | '#000000' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#000000') ? '#ffffff' : '#000000';
}

/**
 * `colour` when it is a valid hex colour that reads (≥ 3:1, as for large text and UI parts) on white,
 * else `fallback`: a shop's pale brand colour must not turn the progress bar or links invisible.
 */
export function usableOnWhite(colour: string, fallback: string): string {
  return /^#[0-9a-f]{6}$/i.test(colour) && contrastRatio(colour, '#ffffff') >= 3 ? colour : fallback;
}
