import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentJson, parseAttachment } from './attachments.js';
import { createRenderer } from './render.js';
import type { PurchaseOrderEmailContext } from './supplier-message-types.js';
import { createSupplierEmailRenderer } from './supplier-messages.js';
import { TemplateConfigError, templateRole } from './template-store.js';

function context(overrides: Partial<PurchaseOrderEmailContext['purchase_order']> = {}): PurchaseOrderEmailContext {
  return {
    shop: { name: 'Maple & Pine', address_lines: ['1 Commerce Way', 'Austin, TX 78701'], supportEmail: 'buying@maple.example' },
    supplier: { name: 'Kiln <Works>', email: 'orders@kiln.example' },
    purchase_order: { id: 'po_01', number: 'PO-000007', created_at: '2026-11-22T10:00:00.000Z', sent_at: '2026-11-22T10:00:00.000Z', expected_at: '2026-12-06T10:00:00.000Z', note: null, total_quantity: 52, ...overrides },
    lines: [
      { line_no: 1, sku: 'MUG-1', name: 'Stoneware mug', quantity: 40 },
      { line_no: 2, sku: 'PLATE-1', name: 'Dinner plate', quantity: 12 },
    ],
    ship_to: { code: 'DAL', name: 'Dallas warehouse', address: { name: 'Maple & Pine', line1: '1 Dock Rd', line2: null, city: 'Dallas', region: 'TX', postal_code: '75201', country: 'US' } },
  };
}

const folders: string[] = [];
function overrideFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'waybill-supplier-templates-'));
  folders.push(dir);
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the purchase order email', () => {
  it('says the number, the lines, the dates, where to ship and whom to write to', () => {
    const email = createSupplierEmailRenderer({}).render('purchase_order', context());
    expect(email.subject).toBe('Purchase order PO-000007 from Maple & Pine');
    expect(email.text).toContain('Hello Kiln <Works>,');
    expect(email.text).toContain('1. MUG-1 - Stoneware mug - quantity 40\n2. PLATE-1 - Dinner plate - quantity 12\nTotal units: 52');
    expect(email.text).toContain('Order date: Sun, Nov 22, 2026\nExpected by: Sun, Dec 6, 2026');
    expect(email.text).toContain('Ship to (Dallas warehouse, DAL):\n  Maple & Pine\n  1 Dock Rd\n  75201 Dallas, TX\n  US');
    expect(email.text).toContain('write to buying@maple.example, quoting PO-000007');
    expect(email.text).not.toContain('Note:');
    // HTML escapes what the records say; text is not HTML and keeps it as typed.
    expect(email.html).toContain('Hello Kiln &lt;Works&gt;,');
    expect(email.html).toContain('Maple &amp; Pine');
    expect(email.html).toContain('<a href="mailto:buying@maple.example">');
  });

  it('shows the note when there is one, and no expected date when none is known', () => {
    const email = createSupplierEmailRenderer({}).render('purchase_order', context({ note: 'Use dock 4', expected_at: null }));
    expect(email.text).toContain('Note: Use dock 4');
    expect(email.text).not.toContain('Expected by');
    expect(email.html).not.toContain('Expected by');
  });

  it("is replaced by a shop's override folder, with the shared partials and helpers", () => {
    const dir = overrideFolder({ 'purchase_order.subject.hbs': '{{shop.name}} orders {{purchase_order.total_quantity}} units ({{purchase_order.number}}, due {{date purchase_order.expected_at}})' });
    expect(createSupplierEmailRenderer({ overrideDir: dir }).render('purchase_order', context()).subject).toBe('Maple & Pine orders 52 units (PO-000007, due Sun, Dec 6)');
    // The order renderer reads the same folder and accepts it.
    expect(() => createRenderer({ overrideDir: dir })).not.toThrow();
  });

  it('refuses at start-up what would put data into the HTML unescaped, in either renderer', () => {
    const dir = overrideFolder({ 'purchase_order.html.hbs': '<p>{{{supplier.name}}}</p>' });
    expect(() => createSupplierEmailRenderer({ overrideDir: dir })).toThrow(TemplateConfigError);
    expect(() => createRenderer({ overrideDir: dir })).toThrow(/unescaped/);
  });

  it('counts a partial only a supplier template calls as called', () => {
    const dir = overrideFolder({ 'po_signoff.text.hbs': 'Thanks, {{shop.name}}', 'purchase_order.text.hbs': '{{purchase_order.number}}\n{{> po_signoff}}' });
    expect(() => createRenderer({ overrideDir: dir })).not.toThrow();
    expect(createSupplierEmailRenderer({ overrideDir: dir }).render('purchase_order', context()).text).toBe('PO-000007\nThanks, Maple & Pine\n');
  });

  it('has no SMS part: the file name means nothing', () => {
    expect(templateRole('purchase_order.subject.hbs')).toEqual({ kind: 'supplier_message', type: 'purchase_order', part: 'subject' });
    expect(templateRole('purchase_order.html.hbs')).toEqual({ kind: 'supplier_message', type: 'purchase_order', part: 'html' });
    expect(templateRole('purchase_order.sms.hbs')).toBeNull();
    const dir = overrideFolder({ 'purchase_order.sms.hbs': 'PO {{purchase_order.number}}' });
    expect(() => createSupplierEmailRenderer({ overrideDir: dir })).toThrow(/not a template name Waybill knows/);
  });
});

describe('attachment references', () => {
  it('round-trip, and anything else is refused', () => {
    const ref = { kind: 'purchase_order', id: 'po_01', filename: 'PO-000007.pdf' };
    expect(parseAttachment(attachmentJson(ref))).toEqual(ref);
    expect(parseAttachment(null)).toBeNull();
    expect(() => parseAttachment('{"kind":"purchase_order"}')).toThrow(TypeError);
    expect(() => parseAttachment('not json')).toThrow();
  });
});
