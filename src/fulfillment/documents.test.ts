import { describe, expect, it } from 'vitest';
import { renderInvoicePdf, type InvoiceData } from './invoice-pdf.js';
import { renderPackingSlipPdf } from './packing-slip-pdf.js';

const address = { name: 'Zoë 山田', line1: '1 Congress Ave', line2: null, city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' };

function invoice(lines = 2): InvoiceData {
  return {
    shop: { name: 'Waybill Test Shop', address: '1 Commerce Way', supportEmail: 'help@shop.example' },
    invoice: { number: 'INV-2026-000042', issued_at: '2026-11-22T10:00:00.000Z' },
    order: {
      number: 'W-000042',
      currency: 'USD',
      customer: { name: 'Zoë 山田', email: 'zoe@example.com' },
      shipping_address: address,
      lines: Array.from({ length: lines }, (_, i) => ({ sku: `SKU-${i}`, name: `Product ${i} — ☕`, quantity: 2, quantity_cancelled: 0, unit_price: 1999 })),
      subtotal: 3998 * lines,
      shipping_total: 500,
      tax_total: 0,
      total: 3998 * lines + 500,
      payment_status: 'captured',
    },
  };
}

describe('documents', () => {
  it('renders the same invoice bytes for the same record, as a PDF, with non-Latin text replaced rather than crashing', async () => {
    const first = await renderInvoicePdf(invoice());
    const second = await renderInvoicePdf(invoice());
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.equals(second)).toBe(true);
  });

  it('runs a long invoice over several pages', async () => {
    const long = await renderInvoicePdf(invoice(200));
    const pages = (long.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
  });

  it('renders a packing slip with a barcode page per package', async () => {
    const pdf = await renderPackingSlipPdf({
      shop: { name: 'Waybill Test Shop' },
      order: { number: 'W-000042', created_at: '2026-11-22T10:00:00.000Z', shipping_address: address },
      packages: [
        { seq: 1, warehouse: 'Dallas', box_code: 'BOX-S', weight_grams: 880, items: [{ sku: 'MUG', quantity: 2 }] },
        { seq: 2, warehouse: 'Dallas', box_code: null, weight_grams: 40_000, items: [{ sku: 'SOFA', quantity: 1 }] },
      ],
      names: new Map([['MUG', 'Mug']]),
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBe(2);
    expect(pdf.toString('latin1')).toContain('/Subtype /Image');
  });
});
