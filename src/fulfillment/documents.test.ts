import bwipjs from 'bwip-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInvoicePdf, type InvoiceData } from './invoice-pdf.js';
import { formatWeight, parseBarcodeSvg, renderPackingSlipPdf, type PackingSlipData } from './packing-slip-pdf.js';

const address = { name: 'Zoë 山田', line1: '1 Congress Ave', line2: 'Suite 5', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' };

function invoice(lines = 2, currency = 'USD'): InvoiceData {
  return {
    shop: { name: 'Waybill Test Shop', address: '1 Commerce Way\nAustin TX', supportEmail: 'help@shop.example' },
    invoice: { number: 'INV-2026-000042', issued_at: '2026-11-22T10:00:00.000Z' },
    order: {
      number: 'W-000042',
      currency,
      customer: { name: 'Zoë 山田', email: 'zoe@example.com' },
      shipping_address: address,
      lines: Array.from({ length: lines }, (_, i) => ({ sku: `SKU-${String(i).padStart(3, '0')}`, name: `Product ${i} — ☕`, quantity: 2, quantity_cancelled: 0, unit_price: 1999 })),
      subtotal: 3998 * lines,
      shipping_total: 500,
      tax_total: 0,
      total: 3998 * lines + 500,
      payment_status: 'captured',
    },
  };
}

function slip(itemsPerPackage = 1): PackingSlipData {
  return {
    shop: { name: 'Waybill Test Shop' },
    order: { number: 'W-000042', created_at: '2026-11-22T10:00:00.000Z', shipping_address: address },
    packages: [
      {
        seq: 1,
        warehouse: 'Dallas',
        box_code: 'BOX-S',
        length_mm: 250,
        width_mm: 200,
        height_mm: 150,
        weight_grams: 880,
        items: Array.from({ length: itemsPerPackage }, (_, i) => ({ sku: `MUG-${i}`, quantity: 2 })),
      },
      { seq: 2, warehouse: 'Dallas', box_code: null, length_mm: 2000, width_mm: 900, height_mm: 800, weight_grams: 40_000, items: [{ sku: 'SOFA', quantity: 1 }] },
    ],
    names: new Map([['MUG-0', 'Mug — Ωmega']]),
  };
}

/** Windows-1252's 0x80–0x9F, which Latin-1 leaves to control characters (0x81, 0x8D, 0x8F, 0x90, 0x9D unused). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The text of an uncompressed pdfkit document, one entry per drawn line (pdfkit writes hex strings in TJ arrays). */
function textOf(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const [, array] of pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...array!.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('');
    lines.push([...Buffer.from(hex, 'hex')].map((byte) => (byte >= 0x80 && byte <= 0x9f ? CP1252[byte - 0x80] : String.fromCharCode(byte))).join(''));
  }
  return lines;
}

const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

afterEach(() => {
  vi.useRealTimers();
});

describe('invoice PDF', () => {
  it('is a PDF with the invoice, the order, both parties, the lines and the totals', async () => {
    const pdf = await renderInvoicePdf(invoice(), { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const text = textOf(pdf);
    for (const expected of [
      'Waybill Test Shop',
      '1 Commerce Way',
      'Austin TX',
      'help@shop.example',
      'Invoice no. INV-2026-000042',
      'Date 2026-11-22',
      'Order W-000042',
      'Paid',
      'Bill to',
      'zoe@example.com',
      'Ship to',
      'Suite 5',
      'Austin, TX 78701',
      'SKU-001',
      // Non-Latin text is replaced, not crashed on; WinAnsi's em dash survives.
      'Zoë ??',
      'Product 1 — ?',
      '$19.99',
      '$39.98',
      'Subtotal',
      '$79.96',
      '$5.00',
      '$0.00',
      '$84.96',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text.some((line) => line.includes('page 1 of 1'))).toBe(true);
  });

  it('renders the same bytes for the same data, whenever it is rendered', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = await renderInvoicePdf(invoice());
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
    const second = await renderInvoicePdf(invoice());
    expect(first.equals(second)).toBe(true);
    // The invoice's own date, not the clock's (pdfkit writes info values as separate objects).
    expect(first.toString('latin1')).toContain('(D:20261122100000Z)');
    // …and different bytes for different data: the comparison above is not vacuous.
    const other = invoice();
    other.invoice.number = 'INV-2026-000043';
    expect((await renderInvoicePdf(other)).equals(first)).toBe(false);
  });

  it('formats amounts with the currency\'s own decimals', async () => {
    const yen = invoice(1, 'JPY');
    yen.order.lines = [{ sku: 'TEA', name: 'Tea', quantity: 3, unit_price: 1500 }];
    Object.assign(yen.order, { subtotal: 4500, shipping_total: 0, tax_total: 450, total: 4950 });
    const text = textOf(await renderInvoicePdf(yen, { compress: false }));
    expect(text).toEqual(expect.arrayContaining(['¥1,500', '¥4,500', '¥450', '¥4,950']));
    const euro = textOf(await renderInvoicePdf(invoice(1, 'EUR'), { compress: false }));
    expect(euro).toContain('€19.99');
  });

  it('bills only what was not cancelled', async () => {
    const data = invoice(0);
    data.order.lines = [
      { sku: 'KEPT', name: 'Kept', quantity: 3, quantity_cancelled: 1, unit_price: 1000 },
      { sku: 'GONE', name: 'Gone', quantity: 2, quantity_cancelled: 2, unit_price: 1000 },
    ];
    const text = textOf(await renderInvoicePdf(data, { compress: false }));
    expect(text).toContain('KEPT');
    expect(text).toContain('$20.00');
    expect(text).not.toContain('GONE');
  });

  it('runs 200 lines over several pages, the table head on each, no line lost', async () => {
    const pdf = await renderInvoicePdf(invoice(200), { compress: false });
    const pages = pagesOf(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = textOf(pdf);
    expect(text.filter((line) => line === 'Unit price')).toHaveLength(pages);
    expect(text.filter((line) => line.includes('(continued)'))).toHaveLength(pages - 1);
    expect(text.filter((line) => line.startsWith('SKU-'))).toHaveLength(200);
    expect(text.some((line) => line.endsWith(`page ${pages} of ${pages}`))).toBe(true);
  });

  it('keeps wrapped long names inside their page: no page is started by pdfkit behind the layout\'s back', async () => {
    const data = invoice(60);
    data.order.lines = data.order.lines.map((l, i) => ({ ...l, name: `${'Very long product name '.repeat(8)}${i}` }));
    const pdf = await renderInvoicePdf(data, { compress: false });
    const pages = pagesOf(pdf);
    expect(pages).toBeGreaterThan(1);
    // pdfkit breaks a page on its own when text runs past the margin; such a page would have no head.
    expect(textOf(pdf).filter((line) => line === 'Unit price')).toHaveLength(pages);
  });

  it('refuses an issue date that is not a timestamp rather than stamp a wrong one', async () => {
    const data = invoice();
    data.invoice.issued_at = 'not a date';
    await expect(renderInvoicePdf(data)).rejects.toThrow(RangeError);
  });
});

describe('packing slip PDF', () => {
  it('has a page per package with the order barcode, ship-to, box, weight and items to tick, and no prices', async () => {
    const pdf = await renderPackingSlipPdf(slip(), { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pagesOf(pdf)).toBe(2);
    // The barcode is drawn as vector bars (see packing-slip-pdf.ts), not an image.
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
    const text = textOf(pdf);
    for (const expected of [
      'PACKING SLIP',
      'Order W-000042',
      'Package 1 of 2 - ships from Dallas',
      'Package 2 of 2 - ships from Dallas',
      'Zoë ??',
      'Austin, TX 78701',
      'Box BOX-S (250 × 200 × 150 mm)',
      'Weight 880 g - 2 units',
      'No box: oversize, ships as is (2000 × 900 × 800 mm)',
      'Weight 40.00 kg - 1 unit',
      'MUG-0',
      'Mug — ?mega',
      'SOFA',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text.join('\n')).not.toMatch(/\$/);
  });

  it('renders the same bytes for the same data, whenever it is rendered', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = await renderPackingSlipPdf(slip());
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
    const second = await renderPackingSlipPdf(slip());
    expect(first.equals(second)).toBe(true);
  });

  it('continues a long package on further pages, the table head repeated', async () => {
    const pdf = await renderPackingSlipPdf(slip(120), { compress: false });
    const pages = pagesOf(pdf);
    expect(pages).toBeGreaterThan(3);
    const text = textOf(pdf);
    expect(text.filter((line) => line === 'Done')).toHaveLength(pages);
    expect(text.filter((line) => /^MUG-\d+$/.test(line))).toHaveLength(120);
    expect(text.filter((line) => line.endsWith('(continued)'))).toHaveLength(pages - 2);
  });

  it('refuses what cannot be a packing slip', async () => {
    await expect(renderPackingSlipPdf({ ...slip(), packages: [] })).rejects.toThrow('no packages');
    await expect(renderPackingSlipPdf({ ...slip(), order: { ...slip().order, number: 'W-00004²' } })).rejects.toThrow('Code 128');
  });

  it('draws exactly the bars of the Code 128 symbol', () => {
    const drawing = parseBarcodeSvg(bwipjs.toSVG({ bcid: 'code128', text: 'W-000042', scale: 1, height: 12, includetext: true }));
    // Bars are vertical strokes "Mx yLx 0" of their width, centred on x; glyphs of the text are filled.
    const bars = drawing.paths
      .flatMap((p) => ('stroke' in p ? [...p.d.matchAll(/M([\d.]+) /g)].map((m) => [Number(m[1]) - p.strokeWidth / 2, Number(m[1]) + p.strokeWidth / 2] as const) : []))
      .sort((a, b) => a[0] - b[0]);
    const widths = bars.flatMap(([left, right], i) => (i === 0 ? [right - left] : [left - bars[i - 1]![1], right - left]));
    const symbol = bwipjs.raw('code128', 'W-000042', {})[0] as { sbs: number[] };
    expect(widths).toEqual(symbol.sbs);
    expect(drawing.paths.some((p) => 'fill' in p)).toBe(true);
    expect(() => parseBarcodeSvg('<svg></svg>')).toThrow('viewBox');
  });

  it('prints weights in grams below a kilogram', () => {
    expect([formatWeight(0), formatWeight(999), formatWeight(1000), formatWeight(27_800)]).toEqual(['0 g', '999 g', '1.00 kg', '27.80 kg']);
  });
});
