import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cssColor, formatAmount, formatDate } from './format.js';
import { createRenderer, fitSms, incidentKind, SMS_MAX_LENGTH } from './render.js';
import { builtInTemplateDir, TemplateConfigError, templateRole } from './template-store.js';
import { messageTypes, type MessageContext, type MessageType } from './types.js';

const TRACKING_PAGE = 'https://shop.example.com/track/tk_7QmZ2pX9vLc4RkT8wNbY3s';
const CARRIER_LINK = 'https://www.ups.com/track?tracknum=1Z999AA10123456784&loc=en_US';
const RATING_LINK = `${TRACKING_PAGE}?rate=shp_01`;
const LABEL_LINK = 'https://shop.example.com/api/v1/returns/ret_01/label.pdf';
const LOGO = 'https://cdn.example.com/brand/logo.png';

function returnContext(overrides: Partial<NonNullable<MessageContext['return']>> = {}): NonNullable<MessageContext['return']> {
  return {
    id: 'ret_01',
    label_url: LABEL_LINK,
    lines: [
      { sku: 'MUG-1', name: 'Stoneware mug', quantity: 1, reason: 'damaged', reason_label: 'Arrived damaged', exchange: null, quantity_received: 1 },
      { sku: 'TEE-1', name: 'Organic tee', quantity: 1, reason: 'wrong_size', reason_label: 'Wrong size or fit', exchange: null, quantity_received: 0 },
    ],
    refund_amount: 1999,
    currency: 'USD',
    rejection_reason: 'Returned after the 30-day window',
    is_exchange: false,
    exchange_order: null,
    ...overrides,
  };
}

function fullContext(overrides: Partial<MessageContext> = {}): MessageContext {
  return {
    shop: { shopName: 'Maple & Pine', logoUrl: LOGO, primaryColor: '#1a4d2e', accentColor: '#f5a623', supportEmail: 'help@maple.example', websiteUrl: 'https://maple.example' },
    customer: { name: 'Ana Lima', email: 'ana@example.com', phone: '+15555550100' },
    order: {
      id: 'ord_01',
      number: 'W-000123',
      created_at: '2026-11-20T10:00:00.000Z',
      currency: 'USD',
      lines: [
        { sku: 'MUG-1', name: 'Stoneware mug', quantity: 2, unit_price: 999, line_total: 1998 },
        { sku: 'TEE-1', name: 'Organic tee', quantity: 1, unit_price: 1999, line_total: 1999 },
      ],
      subtotal: 3997,
      shipping_total: 500,
      tax_total: 320,
      total: 4817,
      shipping_address: { name: 'Ana Lima', line1: '12 Elm Street', line2: 'Apt 4B', city: 'Springfield', region: 'IL', postal_code: '62701', country: 'US' },
      tracking_page_url: TRACKING_PAGE,
    },
    shipment: {
      id: 'shp_01',
      carrier: 'ups',
      carrier_name: 'UPS',
      service: 'ground',
      tracking_number: '1Z999AA10123456784',
      carrier_tracking_url: CARRIER_LINK,
      estimated_delivery: '2026-11-24T23:00:00.000Z',
      status: 'in_transit',
      delivered_at: '2026-11-24T15:30:00.000Z',
      signed_by: 'A. LIMA',
    },
    incident: { reason: 'failed_attempt', detail: 'recipient_absent' },
    rating_url: RATING_LINK,
    cancellation: { reason: 'customer request', lines: [{ sku: 'MUG-1', quantity: 1 }], whole: false },
    refund: { amount: 1999, currency: 'USD' },
    return: returnContext(),
    payment: { failure_message: 'Your card was declined.' },
    ...overrides,
  };
}

const renderer = createRenderer({});
const render = (type: MessageType, ctx: MessageContext = fullContext()) => renderer.render(type, ctx);

/** The http(s) links of an HTML part, as a mail client reads them (entities decoded). */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="(https?:[^"]+)"/g)].map((m) => m[1]!.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&').replaceAll('&#x27;', "'"));
}

const folders: string[] = [];
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'waybill-templates-'));
  folders.push(dir);
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('every message renders from the built-in templates', () => {
  it.each(messageTypes)('%s: subject, branded HTML, text with the same links, short SMS', (type) => {
    const m = render(type);
    expect(m.subject.trim()).not.toBe('');
    expect(m.subject).toContain('W-000123');
    expect(m.subject).not.toContain('\n');
    expect(m.html).toContain(`src="${LOGO}"`);
    expect(m.html).toContain('#1a4d2e');
    expect(m.html).toContain('#f5a623');
    expect(m.html).toContain('mailto:help@maple.example');
    expect(m.html).toContain('Maple &amp; Pine');
    expect(m.text).toContain('W-000123');
    expect(m.text).toContain('help@maple.example');
    for (const link of hrefs(m.html)) expect(m.text, `text part of ${type} lacks ${link}`).toContain(link);
    expect(m.sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(m.sms.startsWith('Maple & Pine')).toBe(true);
    expect(m.sms.match(/https?:\/\//g)?.length ?? 0).toBeLessThanOrEqual(1);
    // Nothing is left of the template syntax, and nothing renders as "undefined".
    for (const part of [m.subject, m.html, m.text, m.sms]) {
      expect(part).not.toMatch(/\{\{|\}\}|undefined|NaN|\[object /);
    }
  });

  it('links the tracking page from every message about an order the customer has', () => {
    for (const type of messageTypes.filter((t) => t !== 'payment_failed')) {
      expect(render(type).text, type).toContain(TRACKING_PAGE);
      expect(hrefs(render(type).html), type).toContain(TRACKING_PAGE);
    }
  });

  it('confirmation: lines with quantity and price, totals, address, tracking page', () => {
    const { text, html, sms } = render('order_confirmation');
    expect(text).toContain('- Stoneware mug (MUG-1) - 2 x $9.99 = $19.98');
    expect(text).toContain('- Organic tee (TEE-1) - 1 x $19.99 = $19.99');
    expect(text).toMatch(/Subtotal: +\$39\.97/);
    expect(text).toMatch(/Shipping: +\$5\.00/);
    expect(text).toMatch(/Tax: +\$3\.20/);
    expect(text).toMatch(/Total: +\$48\.17/);
    expect(text).toContain('12 Elm Street');
    expect(text).toContain('Apt 4B');
    expect(text).toContain('62701 Springfield, IL');
    expect(text).toContain(`Track your order: ${TRACKING_PAGE}`);
    expect(html).toContain('Stoneware mug');
    expect(html).toContain('$48.17');
    expect(html).toContain('12 Elm Street');
    expect(sms).toContain(TRACKING_PAGE);
  });

  it('payment failed: what happened and what to do', () => {
    const { text, html } = render('payment_failed');
    expect(text).toContain('Your card was declined.');
    expect(text).toContain('another card');
    expect(text).toContain('help@maple.example');
    expect(html).toContain('another card');
  });

  it('shipped: carrier, tracking number, carrier link, tracking page, ETA', () => {
    const { text, html, sms } = render('shipped');
    expect(text).toContain('Carrier: UPS');
    expect(text).toContain('Tracking number: 1Z999AA10123456784');
    expect(text).toContain(CARRIER_LINK);
    expect(text).toContain(TRACKING_PAGE);
    expect(text).toContain('Estimated delivery: Tue, Nov 24');
    expect(hrefs(html)).toContain(CARRIER_LINK);
    expect(hrefs(html)).toContain(TRACKING_PAGE);
    expect(sms).toContain('UPS');
  });

  it('shipped without a tracking number or ETA leaves those lines out', () => {
    const ctx = fullContext();
    ctx.shipment = { ...ctx.shipment!, tracking_number: null, carrier_tracking_url: null, estimated_delivery: null };
    const { text } = render('shipped', ctx);
    expect(text).not.toContain('Tracking number');
    expect(text).not.toContain('Estimated delivery');
    expect(text).toContain('Carrier: UPS');
  });

  it('delivered: links the rating page', () => {
    const { text, html, sms } = render('delivered');
    expect(text).toContain(RATING_LINK);
    expect(hrefs(html)).toContain(RATING_LINK);
    expect(sms).toContain(RATING_LINK);
    expect(text).toContain('A. LIMA');
  });

  it('return approved: links the label', () => {
    const { text, html, sms } = render('return_approved');
    expect(text).toContain(LABEL_LINK);
    expect(hrefs(html)).toContain(LABEL_LINK);
    expect(sms).toContain(LABEL_LINK);
    const noLabel = render('return_approved', fullContext({ return: returnContext({ label_url: null }) }));
    expect(noLabel.text).toContain('separate message');
    expect(text).toContain('- Stoneware mug (MUG-1) x 1 - Arrived damaged');
    expect(text).toContain('We will refund you $19.99 once the parcel is back');
    expect(html).toContain('Arrived damaged');
  });

  it('return approved for an exchange: names the replacement order, promises no refund', () => {
    const exchange = returnContext({
      lines: [{ sku: 'TEE-1', name: 'Organic tee', quantity: 1, reason: 'wrong_size', reason_label: 'Wrong size or fit', exchange: { sku: 'TEE-2', name: 'Organic tee, large' }, quantity_received: 0 }],
      refund_amount: 0,
      is_exchange: true,
      exchange_order: { id: 'ord_02', number: 'W-000124' },
    });
    const { text, html } = render('return_approved', fullContext({ return: exchange }));
    expect(text).toContain('order W-000124');
    expect(text).toContain('exchange for Organic tee, large');
    expect(text).not.toContain('refund you');
    expect(html).toContain('W-000124');
  });

  it('return requested: the lines with their reasons and what happens next', () => {
    const { subject, text, html, sms } = render('return_requested');
    expect(subject).toContain('return request');
    expect(text).toContain('- Stoneware mug (MUG-1) x 1 - Arrived damaged');
    expect(text).toContain('- Organic tee (TEE-1) x 1 - Wrong size or fit');
    expect(text).toContain('What happens next');
    expect(text).toContain('refund $19.99 to your original payment method');
    expect(html).toContain('Wrong size or fit');
    expect(sms).toContain(TRACKING_PAGE);
    const exchange = render('return_requested', fullContext({ return: returnContext({ refund_amount: 0, is_exchange: true }) }));
    expect(exchange.text).toContain('we send the replacement.');
  });

  it('return rejected: the reason, and not to send the items', () => {
    const { subject, text, html, sms } = render('return_rejected');
    expect(subject).toContain('was not approved');
    expect(text).toContain('Why: Returned after the 30-day window');
    expect(text).toContain('do not send these items back');
    expect(html).toContain('Returned after the 30-day window');
    expect(sms).toContain('Returned after the 30-day window');
    expect(render('return_rejected', fullContext({ return: returnContext({ rejection_reason: null }) })).text).not.toContain('Why:');
  });

  it('return received: what arrived, and the refund or the replacement to expect', () => {
    const { subject, text, sms } = render('return_received');
    expect(subject).toContain('has arrived');
    expect(text).toContain('- Stoneware mug (MUG-1) x 1');
    // Only what arrived is listed.
    expect(text).not.toContain('Organic tee');
    expect(text).toContain('We are refunding $19.99');
    expect(sms).toContain('$19.99');
    const exchange = render('return_received', fullContext({ return: returnContext({ refund_amount: 0, is_exchange: true, exchange_order: { id: 'ord_02', number: 'W-000124' } }) }));
    expect(exchange.text).toContain('Your replacement is order W-000124');
    expect(exchange.text).not.toContain('refunding');
    expect(exchange.sms).toContain('W-000124');
    const nothing = render('return_received', fullContext({ return: returnContext({ refund_amount: 0 }) }));
    expect(nothing.text).toContain('Nothing is to be refunded');
  });

  it('refund issued: the amount', () => {
    const { subject, text, sms } = render('refund_issued');
    expect(subject).toContain('$19.99');
    expect(text).toContain('$19.99');
    expect(sms).toContain('$19.99');
    expect(text).toContain('for the items you returned from order W-000123');
    const { return: _, ...withoutReturn } = fullContext();
    expect(render('refund_issued', withoutReturn).text).toContain('for your order W-000123');
  });

  it('cancellation: partial names the cancelled lines and the reason; whole says the order', () => {
    const partial = render('cancellation');
    expect(partial.subject).toContain('part of your order');
    expect(partial.text).toContain('- Stoneware mug (MUG-1) x 1');
    expect(partial.text).not.toContain('Organic tee');
    expect(partial.text).toContain('customer request');
    const whole = render('cancellation', fullContext({ cancellation: { reason: 'out of stock', lines: [], whole: true } }));
    expect(whole.subject).toContain('your order W-000123 has been cancelled');
    expect(whole.text).toContain('Stoneware mug (MUG-1) x 2');
    expect(whole.text).toContain('Organic tee (TEE-1) x 1');
    expect(whole.text).toContain('out of stock');
  });
});

describe('money and dates', () => {
  it('formats minor units exactly, with the currency’s own decimals', () => {
    expect(formatAmount(1999, 'USD')).toBe('$19.99');
    expect(formatAmount(1000, 'JPY')).toBe('¥1,000');
    expect(formatAmount(5, 'USD')).toBe('$0.05');
    expect(formatAmount(1234567, 'KWD')).toBe('KWD\u00a01,234.567');
    expect(() => formatAmount(19.99, 'USD')).toThrow(TypeError);
    expect(() => formatAmount(1999, undefined)).toThrow(TypeError);
  });

  it('shows a JPY order without decimals', () => {
    const ctx = fullContext({ refund: { amount: 1000, currency: 'JPY' } });
    ctx.order = { ...ctx.order, currency: 'JPY', lines: [{ sku: 'TEA-1', name: 'Sencha', quantity: 1, unit_price: 1000, line_total: 1000 }], subtotal: 1000, shipping_total: 0, tax_total: 0, total: 1000 };
    expect(render('order_confirmation', ctx).text).toContain('- Sencha (TEA-1) - 1 x ¥1,000 = ¥1,000');
    expect(render('refund_issued', ctx).subject).toContain('¥1,000');
  });

  it('dates are the UTC calendar day, whatever the host zone', () => {
    expect(formatDate('2026-11-24T23:00:00.000Z')).toBe('Tue, Nov 24');
    expect(formatDate('2026-11-24T23:00:00-05:00')).toBe('Wed, Nov 25');
    expect(formatDate('2026-11-24T10:00:00')).toBe('Tue, Nov 24');
    expect(formatDate('2026-11-24')).toBe('Tue, Nov 24');
    expect(formatDate('2026-11-24', 'long')).toBe('Tue, Nov 24, 2026');
    expect(formatDate('next week')).toBe('next week');
    expect(formatDate(null)).toBe('');
  });

  it('brand colours pass only as hex colours', () => {
    expect(cssColor('#1a4d2e')).toBe('#1a4d2e');
    expect(cssColor('#fff')).toBe('#fff');
    expect(cssColor('red;background:url(https://evil.example/x)')).toBe('#111827');
    const ctx = fullContext();
    ctx.shop = { ...ctx.shop, primaryColor: 'red;background:url(https://evil.example/x)' };
    expect(render('shipped', ctx).html).not.toContain('evil.example');
  });
});

describe('escaping', () => {
  it('HTML escapes customer data; text, subject and SMS keep it as typed', () => {
    const ctx = fullContext({ customer: { name: '<script>alert(1)</script> Tom & Jerry', email: 'tj@example.com', phone: null } });
    ctx.shop = { ...ctx.shop, shopName: 'Bits & Bobs' };
    const m = render('order_confirmation', ctx);
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry');
    expect(m.text).toContain('<script>alert(1)</script> Tom & Jerry');
    expect(m.text).not.toContain('&amp;');
    expect(m.subject).toBe('Bits & Bobs: your order W-000123 is confirmed');
    expect(m.sms.startsWith('Bits & Bobs:')).toBe(true);
  });

  it('escapes carrier and address texts in HTML too', () => {
    const ctx = fullContext({ incident: { reason: 'exception', detail: 'address_problem' } });
    ctx.order = { ...ctx.order, shipping_address: { ...ctx.order.shipping_address, line1: '"><img src=x onerror=alert(1)>' } };
    ctx.shipment = { ...ctx.shipment!, carrier_name: '<b>UPS</b>' };
    const m = render('delivery_exception', ctx);
    expect(m.html).not.toContain('<img src=x');
    expect(m.html).not.toContain('<b>UPS</b>');
    expect(m.text).toContain('"><img src=x onerror=alert(1)>');
  });

  it('drops links that are not http(s)', () => {
    const ctx = fullContext();
    ctx.shipment = { ...ctx.shipment!, carrier_tracking_url: 'javascript:alert(1)' };
    const m = render('shipped', ctx);
    expect(m.html).not.toContain('javascript:');
    expect(m.text).not.toContain('javascript:');
  });
});

describe('delays and exceptions say what to do next', () => {
  const next = (reason: string, detail: string | null, type: MessageType = 'delivery_exception') => render(type, fullContext({ incident: { reason, detail } }));

  it('a failed attempt: redelivery or pickup, with the carrier link', () => {
    const { subject, text, html, sms } = next('failed_attempt', 'recipient_absent');
    expect(text).toContain('nobody was available');
    expect(text).toContain('another delivery day');
    expect(text).toContain('pickup point');
    expect(text).toContain(CARRIER_LINK);
    expect(text).not.toContain('correct address');
    expect(hrefs(html)).toContain(CARRIER_LINK);
    expect(subject).toContain('delivery attempted');
    expect(sms).toContain('redelivery');
    expect(sms).toContain(CARRIER_LINK);
  });

  it('an address problem: how to correct it, showing the address on file', () => {
    for (const reason of ['exception', 'failed_attempt']) {
      const { subject, text, html, sms } = next(reason, 'address_problem');
      expect(text).toContain('correct address');
      expect(text).toContain('help@maple.example');
      expect(text).toContain('12 Elm Street');
      expect(text).not.toContain('pickup point');
      expect(html).toContain('12 Elm Street');
      expect(subject).toContain('address');
      expect(sms).toContain('help@maple.example');
    }
    expect(next('failed_attempt', 'address_problem').text).not.toBe(next('failed_attempt', 'recipient_absent').text);
  });

  it('each other incident has words of its own', () => {
    const cases: Array<[string, string | null, string]> = [
      ['exception', 'customs', 'customs'],
      ['exception', 'refused', 'refused'],
      ['lost', 'lost', 'lost'],
      ['damaged', 'carrier_damage', 'photos'],
      ['returned_to_sender', 'address_problem', 'returning your parcel'],
      ['exception', 'other', 'looking into it'],
    ];
    const bodies = new Set<string>();
    for (const [reason, detail, words] of cases) {
      const { text } = next(reason, detail);
      expect(text, `${reason}/${detail}`).toContain(words);
      bodies.add(text);
    }
    expect(bodies.size).toBe(cases.length);
    const late = next('shipment_late', null, 'delivery_delayed');
    expect(late.text).toContain('taking longer than expected');
    expect(late.text).toContain('Tue, Nov 24');
    expect(next('no_scan', null, 'delivery_delayed').text).toContain('has not had a tracking update');
    expect(next('shipment_late', 'weather', 'delivery_delayed').text).toContain('weather');
  });

  it('maps reason and detail to what the customer is told', () => {
    expect(incidentKind('failed_attempt', 'recipient_absent')).toBe('failed_attempt');
    expect(incidentKind('failed_attempt', null)).toBe('failed_attempt');
    expect(incidentKind('failed_attempt', 'address_problem')).toBe('address_problem');
    expect(incidentKind('exception', 'address_problem')).toBe('address_problem');
    expect(incidentKind('returned_to_sender', 'address_problem')).toBe('returned_to_sender');
    expect(incidentKind('exception', 'held_for_payment')).toBe('customs');
    expect(incidentKind('damaged', 'carrier_damage')).toBe('damaged');
    expect(incidentKind('shipment_late', null)).toBe('late');
    expect(incidentKind('no_scan', null)).toBe('late');
    expect(incidentKind('exception', null)).toBe('other');
  });
});

describe('SMS length', () => {
  it('stays within the hard cap for every type, even with a long shop name and link', () => {
    const ctx = fullContext();
    ctx.shop = { ...ctx.shop, shopName: 'The Extraordinarily Long Named Artisanal Goods Emporium of Springfield', supportEmail: 'customer-happiness-team@the-extraordinarily-long-named-emporium.example' };
    ctx.order = { ...ctx.order, number: 'W-000000123456', tracking_page_url: `https://orders.the-extraordinarily-long-named-emporium.example/track/${'x'.repeat(60)}` };
    for (const type of messageTypes) {
      const sms = render(type, ctx).sms;
      expect(sms.length, type).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(sms.startsWith('The Extraordinarily Long Named')).toBe(true);
    }
  });

  it('cuts the words before the link rather than the link', () => {
    const url = 'https://shop.example.com/track/abc';
    const long = `Shop: ${'word '.repeat(100)}${url}`;
    const fitted = fitSms(long);
    expect(fitted.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(fitted.endsWith(`... ${url}`)).toBe(true);
    expect(fitted.startsWith('Shop: word')).toBe(true);
    expect(fitSms('short\n  text ')).toBe('short text');
    expect(fitSms('x'.repeat(400)).length).toBe(SMS_MAX_LENGTH);
  });
});

describe('the shop’s override folder', () => {
  it('replaces the one template it holds and keeps the rest', () => {
    const dir = folderWith({ 'shipped.subject.hbs': 'On its way: {{order.number}} via {{shipment.carrier_name}}', 'README.md': 'not a template' });
    const custom = createRenderer({ overrideDir: dir });
    const shipped = custom.render('shipped', fullContext());
    expect(shipped.subject).toBe('On its way: W-000123 via UPS');
    expect(shipped.text).toBe(render('shipped').text);
    expect(shipped.html).toBe(render('shipped').html);
    expect(custom.render('delivered', fullContext())).toEqual(render('delivered'));
  });

  it('replaces partials for every message that uses them', () => {
    const dir = folderWith({ 'layout.text.hbs': 'MAPLE\n\n{{> @partial-block}}\n\nCall us: 555-0100\n' });
    const custom = createRenderer({ overrideDir: dir });
    for (const type of messageTypes) {
      const m = custom.render(type, fullContext());
      expect(m.text.startsWith('MAPLE\n')).toBe(true);
      expect(m.text).toContain('Call us: 555-0100');
      expect(m.html).toBe(render(type).html);
    }
  });

  it('takes partials of the shop’s own that its templates call', () => {
    const dir = folderWith({ 'signoff.hbs': 'Cheers, the {{shop.shopName}} team', 'shipped.sms.hbs': '{{shop.shopName}}: shipped {{order.number}}. {{> signoff}}' });
    expect(createRenderer({ overrideDir: dir }).render('shipped', fullContext()).sms).toBe('Maple & Pine: shipped W-000123. Cheers, the Maple & Pine team');
  });

  it('finds the built-in folder at the package root', () => {
    expect(builtInTemplateDir()).toBe(path.resolve(import.meta.dirname, '../../templates/notifications'));
  });

  it('names what each file is by its name', () => {
    expect(templateRole('shipped.html.hbs')).toEqual({ kind: 'message', type: 'shipped', part: 'html' });
    expect(templateRole('layout.html.hbs')).toEqual({ kind: 'partial', name: 'layout', target: 'html' });
    expect(templateRole('lines.text.hbs')).toEqual({ kind: 'partial', name: 'lines', target: 'text' });
    expect(templateRole('signoff.hbs')).toEqual({ kind: 'partial', name: 'signoff', target: 'shared' });
    expect(templateRole('shiped.subject.hbs')).toBeNull();
    expect(templateRole('a.b.c.hbs')).toBeNull();
  });

  const refused = (overrideDir: string, message: RegExp) => {
    let error: unknown;
    try {
      createRenderer({ overrideDir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateConfigError);
    expect((error as Error).message).toMatch(message);
  };

  it('refuses a folder that does not exist or is a file', () => {
    const missing = path.join(tmpdir(), 'waybill-no-such-templates-folder');
    refused(missing, /override folder .*waybill-no-such-templates-folder does not exist/);
    const dir = folderWith({ 'x.txt': '' });
    refused(path.join(dir, 'x.txt'), /is not a folder/);
  });

  it('refuses templates it cannot use, naming the file', () => {
    refused(folderWith({ 'shipped.html.hbs': '{{#if order}}unclosed' }), /shipped\.html\.hbs: Parse error/);
    refused(folderWith({ 'shiped.subject.hbs': 'x' }), /shiped\.subject\.hbs is not a template name/);
    refused(folderWith({ 'shipped.html.hbs': '{{#> layout}}{{{customer.name}}}{{/layout}}' }), /unescaped/);
    refused(folderWith({ 'shipped.text.hbs': '{{formatMoney order.total order.currency}}' }), /shipped\.text\.hbs: .*formatMoney/);
    refused(folderWith({ 'shipped.text.hbs': '{{> footer}}' }), /calls the partial "footer"/);
    // button is an HTML partial only: an SMS cannot call it.
    refused(folderWith({ 'shipped.sms.hbs': '{{> button}}' }), /calls the partial "button"/);
    refused(folderWith({ 'shiped.html.hbs': '<p>x</p>' }), /no template calls the partial "shiped"/);
  });

  it('an empty folder changes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'waybill-templates-'));
    folders.push(dir);
    mkdirSync(path.join(dir, 'drafts'));
    expect(createRenderer({ overrideDir: dir }).render('shipped', fullContext())).toEqual(render('shipped'));
  });
});
