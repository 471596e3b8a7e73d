import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasUnstorableText, toStorableText } from './storable.ts';

describe('storable text', () => {
  it('replaces NUL and lone surrogates with U+FFFD, keeps pairs', () => {
    expect(toStorableText('a\u0000b')).toBe('a\uFFFDb');
    expect(toStorableText('x\uD800y')).toBe('x\uFFFDy');
    expect(toStorableText('x\uDC00')).toBe('x\uFFFD');
    expect(toStorableText('😀 سلام')).toBe('😀 سلام');
    expect(hasUnstorableText('😀')).toBe(false);
    expect(hasUnstorableText('\uDFFF\uD800')).toBe(true);
  });

  it('always yields well-formed, NUL-free text and leaves storable text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = toStorableText(s);
        expect(() => encodeURIComponent(out)).not.toThrow();
        expect(out.includes('\u0000')).toBe(false);
        expect(out.length).toBe(s.length);
        if (!hasUnstorableText(s)) expect(out).toBe(s);
        expect(hasUnstorableText(out)).toBe(false);
      }),
    );
  });
});
