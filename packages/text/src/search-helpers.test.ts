import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.ts';
import { highlightRanges, snippetOf } from './highlight.ts';
import { phoneSearchToken } from './phone-key.ts';
import { tokenize } from './tokenize.ts';

const terms = (q: string, prefixes: string[] = []) => ({ tokens: new Set(tokenize(q)), prefixes });

describe('phoneSearchToken', () => {
  it('gives one token for a phone in any digit form or spacing', () => {
    for (const p of ['۰۹۱۲ ۳۴۵ ۶۷۸۹', '+98 912 345 6789', '00989123456789', '٠٩١٢٣٤٥٦٧٨٩', '9123456789']) expect(phoneSearchToken(p)).toBe('989123456789');
    expect(phoneSearchToken('چاپگر')).toBeNull();
  });
});

describe('editDistance', () => {
  it('counts edits and transpositions by code point', () => {
    expect(editDistance('پرینتر', 'پرینتز')).toBe(1);
    expect(editDistance('سرور', 'سروز')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
  it('is a symmetric distance, zero only for equal words, bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
        expect(editDistance(a, b, 2)).toBe(Math.min(d, 3));
      }),
    );
  });
});

describe('highlightRanges', () => {
  it('points into the original text whatever spelling it used', () => {
    const text = 'كتاب‌ها را دیروز آوردم؛ مي شود چاپگر ۱۲ را ببینید؟';
    const ranges = highlightRanges(text, terms('کتابها میشود 12'));
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['كتاب‌ها', 'مي شود', '۱۲']);
  });
  it('marks prefixes and nothing else', () => {
    const text = 'Printer printing PRINT paper';
    expect(highlightRanges(text, { tokens: new Set(), prefixes: ['print'] }).map(([s, e]) => text.slice(s, e))).toEqual(['Printer', 'printing', 'PRINT']);
  });
  it('only returns ranges of whole words that match, in order, never overlapping', () => {
    const alphabet = fc.constantFrom(...'ab کتی ي\u200c۱1.'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), fc.constantFrom('ab', 'کتاب', 'ی', '1'), (text, q) => {
        const ranges = highlightRanges(text, terms(q));
        let last = 0;
        for (const [s, e] of ranges) {
          expect(s).toBeGreaterThanOrEqual(last);
          expect(e).toBeGreaterThan(s);
          expect(tokenize(text.slice(s, e))).toContain(tokenize(q)[0]);
          last = e;
        }
      }),
    );
  });
  it('`within` stops past the first range: the same ranges, up to that far', () => {
    const alphabet = fc.constantFrom(...'ab کتی ي\u200c۱1.'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')), fc.constantFrom('ab', 'کتاب', 'ی', '1'), fc.integer({ min: 0, max: 30 }), (text, q, within) => {
        const all = highlightRanges(text, terms(q));
        const near = highlightRanges(text, terms(q), within);
        expect(all.slice(0, near.length)).toEqual(near);
        if (all.length) expect(near).toEqual(all.filter(([s]) => s < all[0]![1] + within));
      }),
    );
  });
});

describe('snippetOf', () => {
  it('cuts a window around the first match and shifts the ranges into it', () => {
    const text = `${'مقدمه '.repeat(60)}سرور ایمیل از صبح قطع است ${'پایان '.repeat(60)}`;
    const s = snippetOf(text, terms('ایمیل'), 120)!;
    expect(s.text.length).toBeLessThanOrEqual(124);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['ایمیل']);
    expect(snippetOf(text, terms('چاپگر'))).toBeNull();
  });
  it('returns text, never markup: the original characters only', () => {
    const text = '<b>vpn</b> & "vpn"';
    const s = snippetOf(text, terms('vpn'))!;
    expect(s.text).toBe(text);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['vpn', 'vpn']);
  });
});
