import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { foldDigits, toPersianDigits } from './digits.ts';

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC = '٠١٢٣٤٥٦٧٨٩';

/** Strings mixing ASCII, Persian and Arabic-Indic digits with arbitrary other text. */
const mixed = fc
  .array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...PERSIAN, ...ARABIC, ...'0123456789')))
  .map((parts) => parts.join(''));

describe('foldDigits', () => {
  it('maps Persian and Arabic-Indic digits to ASCII', () => {
    expect(foldDigits(PERSIAN)).toBe('0123456789');
    expect(foldDigits(ARABIC)).toBe('0123456789');
    expect(foldDigits('تیکت ۱۲۳ و ٤٥ and 6')).toBe('تیکت 123 و 45 and 6');
    expect(foldDigits('')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(mixed, (s) => foldDigits(foldDigits(s)) === foldDigits(s)));
  });

  it('turns any string of Persian digits into the same ASCII digits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 })), (ds) => {
        expect(foldDigits(ds.map((d) => PERSIAN[d]).join(''))).toBe(ds.join(''));
      }),
    );
  });

  it('leaves non-digit characters untouched and preserves length', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const out = foldDigits(s);
        expect(out.length).toBe(s.length);
        for (let i = 0; i < s.length; i++) {
          if (!/[\u06f0-\u06f9\u0660-\u0669]/.test(s[i] ?? '')) expect(out[i]).toBe(s[i]);
        }
      }),
    );
  });
});

describe('toPersianDigits', () => {
  it('maps ASCII digits to Persian and leaves the rest', () => {
    expect(toPersianDigits('Ticket 1402-17')).toBe('Ticket ۱۴۰۲-۱۷');
    expect(toPersianDigits('٤٥')).toBe('٤٥');
  });

  it('round-trips with foldDigits', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]*$/), (s) => foldDigits(toPersianDigits(s)) === s));
  });
});
