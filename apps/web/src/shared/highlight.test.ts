import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { highlightSegments } from './highlight.ts';

const marked = (text: string, ranges: [number, number][]) => highlightSegments(text, ranges).filter((s) => s.marked).map((s) => s.text);

describe('highlightSegments', () => {
  it('marks ranges at both ends of the text', () => {
    expect(highlightSegments('vpn is down', [[0, 3], [7, 11]])).toEqual([
      { text: 'vpn', marked: true },
      { text: ' is ', marked: false },
      { text: 'down', marked: true },
    ]);
  });

  it('merges adjacent and overlapping ranges into one run, whatever their order', () => {
    expect(marked('abcdef', [[2, 4], [0, 2]])).toEqual(['abcd']);
    expect(marked('abcdef', [[1, 4], [2, 5]])).toEqual(['bcde']);
  });

  it('drops empty and reversed ranges and clamps ones past the text', () => {
    expect(highlightSegments('abc', [[1, 1], [2, 1]])).toEqual([{ text: 'abc', marked: false }]);
    expect(marked('abc', [[-5, 1], [2, 99]])).toEqual(['a', 'c']);
    expect(highlightSegments('', [[0, 3]])).toEqual([{ text: '', marked: false }]);
  });

  it('never splits a surrogate pair (an emoji keeps both halves)', () => {
    const text = 'a😀b';
    // 😀 is two UTF-16 units at 1..3; a range ending or starting in its middle widens to all of it.
    expect(marked(text, [[0, 2]])).toEqual(['a😀']);
    expect(marked(text, [[2, 4]])).toEqual(['😀b']);
  });

  it('keeps a ZWNJ inside a marked Persian word', () => {
    const text = 'این کار نمی‌شود انجام';
    const start = text.indexOf('نمی‌شود');
    expect(marked(text, [[start, start + 'نمی‌شود'.length]])).toEqual(['نمی‌شود']);
  });

  it('loses and duplicates no character, for any ranges', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.tuple(fc.integer({ min: -3, max: 60 }), fc.integer({ min: -3, max: 60 }))), (text, ranges) => {
        const segments = highlightSegments(text, ranges);
        expect(segments.map((s) => s.text).join('')).toBe(text);
        // Runs alternate (merged), and no run starts with a lone low surrogate.
        for (let i = 1; i < segments.length; i++) expect(segments[i]!.marked).not.toBe(segments[i - 1]!.marked);
        for (const s of segments) expect(/^[\uDC00-\uDFFF]/.test(s.text)).toBe(false);
      }),
    );
  });
});
