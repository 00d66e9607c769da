/** The packing slip: per package, what goes in it, with the order number as a Code 128 barcode. */
import bwipjs from 'bwip-js';
import { latin1, newDocument, toBuffer } from './pdf-text.js';

export interface PackingSlipData {
  shop: { name: string };
  order: {
    number: string;
    created_at: string;
    shipping_address: { name: string; line1: string; line2?: string | null; city: string; region?: string | null; postal_code?: string | null; country: string };
  };
  packages: ReadonlyArray<{ seq: number; warehouse: string; box_code: string | null; weight_grams: number; items: ReadonlyArray<{ sku: string; quantity: number }> }>;
  names: ReadonlyMap<string, string>;
}

export async function renderPackingSlipPdf(data: PackingSlipData): Promise<Buffer> {
  const { order } = data;
  const barcode = await bwipjs.toBuffer({ bcid: 'code128', text: order.number, scale: 2, height: 12, includetext: true, textxalign: 'center' });
  const doc = newDocument(new Date(order.created_at), `Packing slip ${order.number}`);
  const a = order.shipping_address;
  data.packages.forEach((pkg, index) => {
    if (index > 0) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(16).text(latin1(data.shop.name));
    doc.font('Helvetica').fontSize(10).text(`Packing slip - order ${order.number} - package ${pkg.seq} of ${data.packages.length}`);
    doc.image(barcode, { width: 200 });
    doc.moveDown();
    doc.font('Helvetica-Bold').text('Ship to');
    doc.font('Helvetica').text(latin1(a.name)).text(latin1(a.line1));
    if (a.line2) doc.text(latin1(a.line2));
    doc.text(latin1([a.postal_code, a.city, a.region].filter(Boolean).join(' '))).text(latin1(a.country));
    doc.moveDown();
    doc.text(latin1(`From: ${pkg.warehouse}    Box: ${pkg.box_code ?? 'oversize, ships as is'}    Weight: ${(pkg.weight_grams / 1000).toFixed(2)} kg`));
    doc.moveDown();
    for (const item of pkg.items) {
      if (doc.y > 760) doc.addPage();
      doc.text(latin1(`[  ]  ${item.quantity} x  ${item.sku}  ${data.names.get(item.sku) ?? ''}`));
    }
  });
  return toBuffer(doc);
}
