import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPersianDigits } from '@pishkhan/text';
import { emailKey, firstDuplicate, phoneKey } from './contact-keys.ts';

const nsn = fc.tuple(fc.constantFrom('912', '935', '990', '21'), fc.stringMatching(/^[0-9]{8}$/)).map(([a, b]) => (a + b).slice(0, 10));
const separators = fc.constantFrom('', ' ', '-', ' - ', '\u200c');

/** A way people write the same number: prefix, digit script, separators. */
function spell(number: string, prefix: string, sep: string, persian: boolean): string {
  const body = [number.slice(0, 3), number.slice(3, 6), number.slice(6)].join(sep);
  const s = prefix + body;
  return persian ? toPersianDigits(s) : s;
}

describe('phoneKey', () => {
  it('gives every spelling of an Iranian number the same E.164 key', () => {
    fc.assert(
      fc.property(nsn, fc.constantFrom('0', '+98', '0098', '+98 ', '0098 '), separators, fc.boolean(), (n, prefix, sep, persian) => {
        expect(phoneKey(spell(n, prefix, sep, persian))).toBe(`+98${n}`);
      }),
    );
  });

  it('keeps an unparseable number findable when written the same way', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-8][0-9]{2,5}$/), (short) => {
        expect(phoneKey(toPersianDigits(short))).toBe(phoneKey(` ${short} `));
      }),
    );
  });
});

describe('emailKey and firstDuplicate', () => {
  it('ignores case and surrounding space', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (e) => {
        expect(emailKey(`  ${e.toUpperCase()} `)).toBe(emailKey(e));
      }),
    );
  });

  it('finds the first value whose key repeats, and nothing in a list of distinct keys', () => {
    expect(firstDuplicate(['a@x.test', 'b@x.test', 'A@X.test'], emailKey)).toBe('A@X.test');
    fc.assert(
      fc.property(fc.uniqueArray(fc.emailAddress(), { selector: emailKey }), (list) => {
        expect(firstDuplicate(list, emailKey)).toBeUndefined();
      }),
    );
  });
});
