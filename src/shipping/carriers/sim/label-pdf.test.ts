import { describe, expect, it } from 'vitest';
import { renderSimLabel, type SimLabelInput } from './label-pdf.js';

function label(overrides: Partial<SimLabelInput> = {}): SimLabelInput {
  return {
    trackingNumber: 'SIM123456789012345',
    serviceName: 'Sim Express',
    from: { name: 'Waybill Test Shop', line1: '1 Commerce Way', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' },
    to: { name: 'Zoë 山田', company: 'Acme', line1: '1 Congress Ave', line2: 'Suite 5', city: 'Boston', region: 'MA', postal_code: '02108', country: 'US' },
    weightGrams: 2500,
    packageIndex: 1,
    packageCount: 2,
    reference: 'shp_01JDEMO0000000000000000000',
    date: new Date('2026-11-22T10:00:00.000Z'),
    ...overrides,
  };
}

/** The text of an uncompressed pdfkit document, one entry per drawn line (hex strings in TJ arrays). */
function textOf(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const [, array] of pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...array!.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('');
    lines.push(Buffer.from(hex, 'hex').toString('latin1'));
  }
  return lines;
}

const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('sim label PDF', () => {
  it('is one 4 × 6 inch PDF page', async () => {
    const pdf = await renderSimLabel(label());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 288 432]');
    expect(pagesOf(pdf)).toBe(1);
  });

  it('gives the same bytes for the same label, dated by the label', async () => {
    const [a, b] = [await renderSimLabel(label()), await renderSimLabel(label())];
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).toContain('(D:20261122100000Z)');
    const fromIso = await renderSimLabel(label({ date: '2026-11-22T10:00:00.000Z' }));
    expect(fromIso.equals(a)).toBe(true);
    expect((await renderSimLabel(label({ trackingNumber: 'SIM123456789012346' }))).equals(a)).toBe(false);
  });

  it('prints the carrier, the service, both addresses, weight, package, reference, date and tracking number', async () => {
    const text = textOf(await renderSimLabel(label(), { compress: false }));
    for (const expected of ['WAYBILL SIM', 'SIM EXPRESS', 'FROM', 'Waybill Test Shop', '1 Commerce Way', 'Austin, TX 78701', 'SHIP TO', 'Zoë ??, Acme', 'Suite 5', 'Boston, MA 02108', 'WEIGHT 2.50 kg', 'PACKAGE 1 of 2', 'PKG 1 OF 2', 'REF shp_01JDEMO0000000000000000000', '2026-11-22', 'SIM123456789012345']) {
      expect(text.join('\n'), expected).toContain(expected);
    }
  });

  it('draws the barcode as vector bars, not an image', async () => {
    const pdf = (await renderSimLabel(label(), { compress: false })).toString('latin1');
    expect(pdf).not.toContain('/Subtype /Image');
    // Code 128 bars: bwip-js strokes the bars of each width as one path of many vertical lines.
    expect((pdf.match(/^[\d.]+ 0 l$/gm) ?? []).length).toBeGreaterThan(40);
  });

  it('stays on one page with long addresses', async () => {
    const long = 'A very long street name that goes on and on '.repeat(6);
    const pdf = await renderSimLabel(label({ to: { name: long, company: long, line1: long, line2: long, city: long, region: 'XX', postal_code: '1', country: 'US' }, serviceName: 'Sim Overnight Extra Long Service Name' }));
    expect(pagesOf(pdf)).toBe(1);
  });

  it('refuses what cannot be a label', async () => {
    await expect(renderSimLabel(label({ trackingNumber: 'SIM-ü' }))).rejects.toThrow(RangeError);
    await expect(renderSimLabel(label({ packageIndex: 3 }))).rejects.toThrow(RangeError);
    await expect(renderSimLabel(label({ date: 'yesterday' }))).rejects.toThrow(RangeError);
  });
});
