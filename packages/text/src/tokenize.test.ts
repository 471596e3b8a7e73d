import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeForSearch } from './search-key.ts';
import { tokenize } from './tokenize.ts';

const PIECES = [...'ابپتجچخدرزژسشکگلمنوهیيكةأآئ', 'می', 'نمی', 'بی', 'ها', 'تر', 'ای', ' ', '  ', '\u200c', '\u064e', '\u0640', '،', '؛', '؟', '«', '»', '.', '!', '(', ')', '-', ...'aBz09۱٢'];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('tokenize', () => {
  it('splits on whitespace and punctuation, Persian punctuation too', () => {
    expect(tokenize('سلام، دنیا؛ «چطوری»؟ (خوبم)!')).toEqual(['سلام', 'دنیا', 'چطوری', 'خوبم']);
    expect(tokenize('VPN-Server: down.')).toEqual(['vpn', 'server', 'down']);
    expect(tokenize('  ')).toEqual([]);
  });

  it('reads letters outside the BMP as letters, emoji and lone surrogates as separators', () => {
    expect(tokenize('a𝐁c 😂😂 𠀀x \ud800y')).toEqual(['a𝐁c', '𠀀x', 'y']);
  });

  it('gives «می‌شود», «میشود» and «می شود» the same tokens', () => {
    const tokens = tokenize('این کار می‌شود');
    expect(tokens).toEqual(['این', 'کار', 'میشود']);
    expect(tokenize('این کار میشود')).toEqual(tokens);
    expect(tokenize('این کار می شود')).toEqual(tokens);
    expect(tokenize('خانه ها، بزرگ تر')).toEqual(tokenize('خانه‌ها، بزرگتر'));
  });

  it('normalises each token: Arabic letters, digits, diacritics, case', () => {
    expect(tokenize('تيكت #١٠٢٣٤ Printer')).toEqual(['تیکت', '10234', 'printer']);
    expect(tokenize('مسافت۹کیلومتر')).toEqual(['مسافت', '9', 'کیلومتر']);
  });

  it('cuts the key exactly where a letter, mark or digit ends', () => {
    const reference = (s: string) => normalizeForSearch(s).split(/[^\p{L}\p{M}\p{N}]+/u).filter((t) => t !== '');
    fc.assert(fc.property(fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 20 })), (s) => { expect(tokenize(s)).toEqual(reference(s)); }), { numRuns: 2000 });
  });

  it('gives a text and its normalisation the same tokens', () => {
    fc.assert(fc.property(text, (s) => { expect(tokenize(normalizeForSearch(s))).toEqual(tokenize(s)); }), { numRuns: 2000 });
  });

  it('returns tokens that are their own key, without separators', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const t of tokenize(s)) {
          expect(t).not.toBe('');
          expect(normalizeForSearch(t)).toBe(t);
          expect(t).not.toMatch(/[\s\p{P}]/u);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
