import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isIranianMobile, normalizePhone } from './phone.ts';

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC = '٠١٢٣٤٥٦٧٨٩';

describe('normalizePhone', () => {
  it.each([
    ['09121234567', '+989121234567'],
    ['0912 123 4567', '+989121234567'],
    ['0912-123-4567', '+989121234567'],
    ['0912.123.4567', '+989121234567'],
    ['(0912) 123 4567', '+989121234567'],
    ['+98 912 123 4567', '+989121234567'],
    ['+98 (0) 912 123 4567', '+989121234567'],
    ['0098 912 123 4567', '+989121234567'],
    ['989121234567', '+989121234567'],
    ['9121234567', '+989121234567'],
    ['۰۹۱۲ ۱۲۳ ۴۵۶۷', '+989121234567'],
    ['٠٩١٢١٢٣٤٥٦٧', '+989121234567'],
    ['\u200e+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷\u200f', '+989121234567'],
    ['  09121234567\n', '+989121234567'],
    ['9812345678', '+989812345678'], // bare mobile that happens to start with 98
    ['02188776655', '+982188776655'],
    ['(021) 8877-6655', '+982188776655'],
    ['+98 21 8877 6655', '+982188776655'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+12345678', '+12345678'],
    ['+123456789012345', '+123456789012345'],
  ])('%j → %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
    expect(normalizePhone(input, { defaultCountry: '98' })).toBe(e164);
  });

  it.each([
    '',
    '   ',
    'abc',
    '0',
    '+98',
    '0912123456', // one digit short
    '091212345678', // one digit long
    '+98 912 123 456',
    '+98 912 123 45678',
    '0098 0 0912 123 4567',
    '2188776655', // bare landline: no prefix, too ambiguous
    '88776655', // local number without area code
    '99999999999',
    '+1234567', // 7 digits
    '+1234567890123456', // 16 digits
    '+0912 123 4567',
    '000989022002580',
    '0912 123 4567 ext 2',
    '0912/123/4567',
    '09121234567+',
  ])('%j → null', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  /** Strings that often look like phone numbers, in all digit scripts. */
  const phoneish = fc
    .array(fc.constantFrom(...'0123456789+ -().', ...PERSIAN, ...ARABIC, '98', '0098', '+98', '09'), { maxLength: 20 })
    .map((parts) => parts.join(''));

  it('is idempotent on its output, which is always E.164-shaped', () => {
    fc.assert(
      fc.property(fc.oneof(phoneish, fc.string()), (s) => {
        const out = normalizePhone(s);
        if (out === null) return;
        expect(out).toMatch(/^\+[1-9]\d{7,14}$/);
        expect(normalizePhone(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives one E.164 for an Iranian mobile however it is written', () => {
    const SEPARATORS = ['', '', '', ' ', '-', '.', '(', ')', ' - ', '\u00a0', '\u200e', '\u200f', '\u200c'];
    const written = fc.record({
      nsn: fc.stringMatching(/^9\d{9}$/),
      prefix: fc.constantFrom('+98', '0098', '98', '0', '', '+98(0)'),
      layout: fc.array(fc.tuple(fc.constantFrom(0, 1, 2), fc.constantFrom(...SEPARATORS)), {
        minLength: 16,
        maxLength: 16,
      }),
      pad: fc.constantFrom('', ' ', '\t', '\n '),
    });
    fc.assert(
      fc.property(written, ({ nsn, prefix, layout, pad }) => {
        const text = [...prefix + nsn]
          .map((ch, i) => {
            const [script, sep] = layout[i] ?? [0, ''];
            const d = Number(ch);
            const glyph = Number.isNaN(d) || script === 0 ? ch : (script === 1 ? PERSIAN : ARABIC)[d];
            return glyph + sep;
          })
          .join('');
        const out = normalizePhone(pad + text + pad);
        expect(out).toBe(`+98${nsn}`);
        expect(isIranianMobile(out ?? '')).toBe(true);
      }),
    );
  });
});

describe('isIranianMobile', () => {
  it('accepts +989 followed by nine digits only', () => {
    expect(isIranianMobile('+989121234567')).toBe(true);
    expect(isIranianMobile('+989981000000')).toBe(true);
    expect(isIranianMobile('+982188776655')).toBe(false);
    expect(isIranianMobile('09121234567')).toBe(false); // not E.164: normalise first
    expect(isIranianMobile('+98912123456')).toBe(false);
    expect(isIranianMobile('+9891212345678')).toBe(false);
    expect(isIranianMobile('+449121234567')).toBe(false);
  });
});
