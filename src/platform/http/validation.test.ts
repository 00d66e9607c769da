import { describe, expect, it } from 'vitest';
import { installValidation, unstorableText } from './validation.js';

const paths = (data: unknown) => unstorableText(data).map((e) => e.instancePath);

describe('unstorableText', () => {
  it('accepts any well-formed text, including emoji, right-to-left and astral characters', () => {
    expect(unstorableText({ name: 'Zoë 🚀 مرحبا 𠜎 👩‍👩‍👧‍👦', lines: [{ sku: 'A' }], n: 1, ok: true, none: null })).toEqual([]);
    expect(unstorableText('\ud83d\ude80')).toEqual([]);
    expect(unstorableText(undefined)).toEqual([]);
  });

  it('finds NUL and unpaired surrogates anywhere, by JSON pointer', () => {
    expect(paths({ customer: { name: 'a\u0000b' } })).toEqual(['/customer/name']);
    expect(paths({ lines: [{ sku: 'ok' }, { sku: '\ud800' }] })).toEqual(['/lines/1/sku']);
    expect(paths(['x\udc00'])).toEqual(['/0']);
    expect(paths('\udc00\ud800')).toEqual(['']);
    expect(paths({ 'a/b': '\u0000' })).toEqual(['/a~1b']);
  });

  it('checks object keys too', () => {
    expect(unstorableText({ 'k\u0000': 'v' })).toHaveLength(1);
  });

  it('walks deep structures without recursion and stops after 50 errors', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableText(deep)).toHaveLength(1);
    expect(unstorableText(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(50);
  });
});

describe('installValidation', () => {
  async function appWith(querystring: object, body?: object) {
    const { default: Fastify } = await import('fastify');
    const app = Fastify();
    installValidation(app);
    app.post('/t', { schema: { querystring, ...(body ? { body } : {}) } }, async (request) => ({ query: request.query, body: request.body }));
    return app;
  }

  it('coerces query strings but not bodies', async () => {
    const app = await appWith({ type: 'object', properties: { n: { type: 'integer' } } }, { type: 'object', properties: { n: { type: 'integer' } } });
    const ok = await app.inject({ method: 'POST', url: '/t?n=5', payload: { n: 5 } });
    expect(ok.json()).toEqual({ query: { n: 5 }, body: { n: 5 } });
    const text = await app.inject({ method: 'POST', url: '/t?n=5', payload: { n: '5' } });
    expect(text.statusCode).toBe(400);
    expect(text.json().message).toContain('body/n');
  });

  it('accepts only date-times a JavaScript Date can hold', async () => {
    const app = await appWith({ type: 'object', properties: { at: { type: 'string', format: 'date-time' } } });
    const status = async (at: string) => (await app.inject({ method: 'POST', url: `/t?at=${encodeURIComponent(at)}` })).statusCode;
    expect(await status('2026-11-22T10:15:00Z')).toBe(200);
    expect(await status('2026-11-22T10:15:00.123+05:30')).toBe(200);
    expect(await status('2026-12-31T23:59:60Z')).toBe(400); // leap second: RFC 3339 yes, Date no
    expect(await status('2026-02-30T00:00:00Z')).toBe(400);
    expect(await status('2026-11-22')).toBe(400);
    expect(await status('2026-11-22T10:15:00')).toBe(400); // no time zone
  });

  it('refuses unstorable text after the schema passes', async () => {
    const app = await appWith({ type: 'object', properties: { q: { type: 'string' } } });
    const res = await app.inject({ method: 'POST', url: '/t?q=a%00b' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('querystring/q');
  });
});
