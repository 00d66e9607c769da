import { describe, expect, it } from 'vitest';
import { addressLines, pdfLines, pdfText, recordDate } from './pdf-document.js';

/** What WinAnsi (Windows-1252) can show: printable ASCII, Latin-1's upper half and its 0x80–0x9F extras. */
const winAnsi = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || 'ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜'.includes(ch);
};

describe('pdfText', () => {
  it('keeps what the standard fonts can show', () => {
    expect(pdfText('Zoë Müller-Lüdenscheidt — “café” €12 ½ ©')).toBe('Zoë Müller-Lüdenscheidt — “café” €12 ½ ©');
  });

  it('drops marks Latin-1 lacks and replaces what has no Latin form, one "?" per character', () => {
    expect(pdfText('Łódź Ősz Şişli Đorđe')).toBe('Lódz Osz Sisli Dorde');
    expect(pdfText('山田 Иван 😀')).toBe('?? ???? ?');
    expect(pdfText('ﬁne Ａ１')).toBe('fine A1');
  });

  it('turns line breaks, tabs and odd spaces into spaces and drops invisible format characters', () => {
    expect(pdfText('a\nb\tc\u2003d\u200be\u00adf\u202ag')).toBe('a b c defg');
    expect(pdfLines('1 Commerce Way\r\n\nAustin')).toEqual(['1 Commerce Way', 'Austin']);
  });

  it('never lets a character through that WinAnsi cannot encode (seeded random code points)', () => {
    let s = 1;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 2000; run++) {
      const points = Array.from({ length: 8 }, () => Math.floor(next() * 0x10ffff));
      // Lone surrogates included on purpose: strings from outside can carry them.
      const text = points.map((p) => (p >= 0xd800 && p <= 0xdfff ? String.fromCharCode(p) : String.fromCodePoint(p))).join('');
      expect([...pdfText(text)].every(winAnsi), JSON.stringify(text)).toBe(true);
    }
  });
});

describe('document helpers', () => {
  it('prints an address as lines without empty parts', () => {
    expect(addressLines({ name: 'Zoë', line1: '1 Congress Ave', line2: null, city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' })).toEqual([
      'Zoë',
      '1 Congress Ave',
      'Austin, TX 78701',
      'US',
    ]);
    expect(addressLines({ line1: 'Hauptstr. 1', line2: '', city: 'Berlin', country: 'DE' })).toEqual(['Hauptstr. 1', 'Berlin', 'DE']);
  });

  it('refuses a timestamp that is not one', () => {
    expect(recordDate('2026-11-22T10:00:00.000Z', 'x').toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(() => recordDate('yesterday', 'invoice issued_at')).toThrow('invoice issued_at is not a valid timestamp');
  });
});
