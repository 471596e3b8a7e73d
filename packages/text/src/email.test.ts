import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isEmailAddress, normalizeEmail } from './email.ts';

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

const atext = fc.constantFrom(...'abcxyzABC019!#$%&\'*+/=?^_`{|}~-'.split(''), 'ع', 'ی');
const atom = fc.string({ unit: atext, minLength: 1, maxLength: 8 });
const labelChar = fc.constantFrom(...'abcz019'.split(''), 'م', 'ث', 'ا', 'ل');
const label = fc
  .tuple(labelChar, fc.string({ unit: fc.oneof(labelChar, fc.constant('-')), maxLength: 6 }), labelChar)
  .map(([a, mid, b]) => `${a}${mid}${b}`);
const topLabel = fc.constantFrom('ir', 'test', 'ایران', 'com', 'co1');
const address = fc
  .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.array(label, { minLength: 1, maxLength: 2 }), topLabel)
  .map(([local, labels, top]) => `${local.join('.')}@${[...labels, top].join('.')}`);

describe('isEmailAddress (the one address rule)', () => {
  it('accepts practical addresses, Persian (IDN) domains and bidi marks at the ends', () => {
    for (const ok of ['a@b.ir', 'Ali.Rezaei@Example.IR', "o'brien+tag@sub.example.co.uk", 'علی@مثال.ایران', '  user@example.test \n', '\u200fuser@example.com\u200e', 'x@xn--mgba3a4f16a.ir', 'admin@localhost']) {
      expect(isEmailAddress(ok), ok).toBe(true);
    }
    fc.assert(fc.property(address, (a) => a.split('@')[0]!.length > 64 || isEmailAddress(a)));
  });

  it('refuses quotes, angle brackets, controls, whitespace, empty atoms empty labels and numeric domains', () => {
    for (const bad of [
      'html"<x>@example.test',
      '"quoted"@example.test',
      '<a@x.ir>',
      'a@[127.0.0.1]',
      'a b@x.ir',
      'a@x.ir\u0000',
      'a\u0007@x.ir',
      'a\u200f@x.ir',
      'a..b@x.ir',
      '.a@x.ir',
      'a.@x.ir',
      'a@-x.ir',
      'a@x-.ir',
      'a@x..ir',
      'a@1.2.3.4',
      'a@x_y.ir',
      '@x.ir',
      'a@',
      'a@b@c.ir',
      `${'a'.repeat(65)}@x.ir`,
    ]) {
      expect(isEmailAddress(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses any address with a quote, bracket, control or inner whitespace', () => {
    const hostile = fc.constantFrom('"', '<', '>', '(', ')', '[', ']', ',', ';', ':', '\\', ' ', '\t', '\u0000', '\u001f', '\u007f', '\u202e');
    fc.assert(
      fc.property(address, hostile, fc.nat(), (a, c, at) => {
        const i = 1 + (at % (a.length - 1));
        return !isEmailAddress(a.slice(0, i) + c + a.slice(i));
      }),
    );
  });
});
