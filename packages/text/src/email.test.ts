import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeEmail } from './email.ts';

describe('normalizeEmail', () => {
  it('trims, lower-cases and composes', () => {
    expect(normalizeEmail('  Ali.Rezaei@Example.IR \n')).toBe('ali.rezaei@example.ir');
    expect(normalizeEmail('\u200fuser@example.com\u200e')).toBe('user@example.com');
    expect(normalizeEmail('Jose\u0301@example.com')).toBe('jos\u00e9@example.com');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => normalizeEmail(normalizeEmail(s)) === normalizeEmail(s)));
  });
});
