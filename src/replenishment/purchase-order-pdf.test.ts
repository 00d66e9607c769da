import { describe, expect, it } from 'vitest';
import { pdfTextLines } from '../../test/support/pdf-text.js';
import { renderPurchaseOrderPdf, type PurchaseOrderPdfData } from './purchase-order-pdf.js';

function purchaseOrder(lines = 2, overrides: Partial<PurchaseOrderPdfData['purchaseOrder']> = {}): PurchaseOrderPdfData {
  return {
    shop: { name: 'Waybill Test Shop', address: '1 Commerce Way\nAustin TX', supportEmail: 'buying@shop.example' },
    purchaseOrder: {
      id: 'po_01JDX4Q0000000000000000001',
      number: 'PO-000042',
      status: 'sent',
      created_at: '2026-11-22T10:00:00.000Z',
      sent_at: '2026-11-22T10:05:00.000Z',
      expected_at: '2026-12-06T10:05:00.000Z',
      note: null,
      ...overrides,
    },
    supplier: { name: 'Kiln & Co — Łódź', email: 'orders@kiln.example' },
    warehouse: { code: 'DAL', name: 'Dallas warehouse', address: { line1: '1 Dock Rd', line2: 'Bay 4', city: 'Dallas', region: 'TX', postal_code: '75201', country: 'US' } },
    lines: Array.from({ length: lines }, (_, i) => ({ line_no: i + 1, sku: `MUG-${String(i).padStart(3, '0')}`, name: `Enamel mug ${i}`, quantity: 10 * (i + 1) })),
  };
}

const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('purchase order PDF', () => {
  it('is a PDF with the number, the dates, the shop, the supplier, the ship-to warehouse and the lines', async () => {
    const pdf = await renderPurchaseOrderPdf(purchaseOrder(), { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfTextLines(pdf);
    for (const expected of [
      'Waybill Test Shop',
      '1 Commerce Way',
      'Austin TX',
      'buying@shop.example',
      'PURCHASE ORDER',
      'PO no. PO-000042',
      'Date 2026-11-22',
      'Sent 2026-11-22',
      'Expected 2026-12-06',
      'Supplier',
      // WinAnsi has no Ł: it prints as L; the em dash it has.
      'Kiln & Co — Lódz',
      'orders@kiln.example',
      'Ship to',
      'Dallas warehouse (DAL)',
      '1 Dock Rd',
      'Bay 4',
      'Dallas, TX 75201',
      'MUG-000',
      'Enamel mug 0',
      '10',
      'MUG-001',
      'Enamel mug 1',
      '20',
      'Total units',
      '30',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The shop receives at its warehouse: its name heads the address when the address has none.
    expect(text.indexOf('Waybill Test Shop', text.indexOf('Ship to'))).toBeGreaterThan(text.indexOf('Ship to'));
    expect(text.join('\n')).toContain('Waybill Test Shop - purchase order PO-000042 - questions: buying@shop.example - page 1 of 1');
  });

  it('reads the same compressed, the way it is attached', async () => {
    const text = pdfTextLines(await renderPurchaseOrderPdf(purchaseOrder()));
    expect(text).toContain('PO no. PO-000042');
    expect(text).toContain('Enamel mug 1');
  });

  it('says a draft is not sent yet, and prints the note', async () => {
    const text = pdfTextLines(await renderPurchaseOrderPdf(purchaseOrder(1, { status: 'draft', sent_at: null, expected_at: null, note: 'Deliver to the back gate.\nMornings only.' }), { compress: false }));
    expect(text).toContain('Not sent yet (draft)');
    expect(text.some((line) => line.startsWith('Expected'))).toBe(false);
    expect(text).toContain('Note');
    expect(text).toContain('Deliver to the back gate.');
    expect(text).toContain('Mornings only.');
  });

  it('runs over pages with the table head on each and every line once', async () => {
    const pdf = await renderPurchaseOrderPdf(purchaseOrder(120), { compress: false });
    const text = pdfTextLines(pdf);
    const pages = pagesOf(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(text.filter((line) => line === 'Quantity')).toHaveLength(pages);
    expect(text.filter((line) => line === 'Purchase order PO-000042 (continued)')).toHaveLength(pages - 1);
    for (let i = 0; i < 120; i++) expect(text.filter((line) => line === `MUG-${String(i).padStart(3, '0')}`)).toHaveLength(1);
    expect(text.join('\n')).toContain(`page ${pages} of ${pages}`);
  });

  it('renders the same bytes for the same order', async () => {
    const first = await renderPurchaseOrderPdf(purchaseOrder(3));
    const second = await renderPurchaseOrderPdf(purchaseOrder(3));
    expect(first.equals(second)).toBe(true);
  });
});
