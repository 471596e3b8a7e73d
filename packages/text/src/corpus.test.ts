/**
 * Checks our digit and phone helpers against the persian-tools test suite (MIT), extracted to
 * ../shared/corpus next to the repository. Their API differs from ours, so each case is mapped
 * to the equivalent question about our functions.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { foldDigits, toPersianDigits } from './digits.ts';
import { isIranianMobile, normalizePhone } from './phone.ts';

interface Case {
  id: string;
  function: string;
  args: unknown[];
  expect: { equals?: unknown; truthy?: boolean; throws?: boolean };
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
const file = path.join(root, '..', 'shared', 'corpus', 'text', 'persian-tools', 'cases.json');
const corpusMissing = !existsSync(file);
const inCI = process.env.CI === 'true';

/** Iranian mobile in E.164, or null: our answer to "is this a valid mobile number?". */
const mobile = (input: unknown): string | null => {
  const e164 = normalizePhone(String(input));
  return e164 !== null && isIranianMobile(e164) ? e164 : null;
};

/** Every digit conversion keeps digit values, so folding both sides must agree. */
const digitConversion = (c: Case) => expect(foldDigits(String(c.args[0]))).toBe(foldDigits(String(c.expect.equals)));

const CHECKS: Record<string, (c: Case) => void> = {
  digitsArToFa: digitConversion,
  digitsArToEn: digitConversion,
  digitsFaToEn: digitConversion,
  digitsFaToAr: digitConversion,
  digitsEnToAr: digitConversion,
  digitsEnToFa: (c) => {
    digitConversion(c);
    expect(toPersianDigits(String(c.args[0]))).toBe(c.expect.equals);
  },
  isPhoneNumberValid: (c) => expect(mobile(c.args[0]) !== null).toBe(c.expect.truthy),
  // The operator prefix is the three digits after +98; "" means not a mobile number.
  getPhoneNumberPrefix: (c) => expect(mobile(c.args[0])?.slice(3, 6) ?? '').toBe(c.expect.equals),
  // Theirs rewrites to a "0" or "+98" prefix and throws on invalid input; ours returns E.164 or null.
  phoneNumberNormalizer: (c) => {
    const expected = c.expect.throws ? null : String(c.expect.equals).replace(/^0/, '+98');
    expect(mobile(c.args[0])).toBe(expected);
  },
};

/** Not digits or phones: script detection we do not offer; ZWNJ and letter cases (halfSpace, toPersianChars) are read by search-corpus.test.ts. */
const IGNORED = new Set(['halfSpace', 'toPersianChars', 'isPersian', 'hasPersian', 'isArabic', 'isPersian(toPersianChars(x))']);

/**
 * Cases where we knowingly disagree. Each must still fail its check, so the list stays true.
 * persian-tools validates against its table of allocated operator prefixes; we check the
 * shape only (+98 9xx xxx xxxx) so that newly allocated ranges keep working.
 */
const DIVERGENT: Record<string, string> = {
  pt_isPhoneNumberValid_11: '0980 is not an allocated operator prefix; we check shape only',
  pt_phoneNumberNormalizer_throws_121: '0980 is not an allocated operator prefix; we check shape only',
};

/** 60 cases are checked at persian-tools commit 25a2dc9; the floor stops a reshaped corpus passing vacuously. */
const MIN_CHECKED = 50;

if (corpusMissing) {
  const why = `persian-tools corpus not found at ${file}`;
  if (inCI) {
    it('persian-tools corpus is present (required when CI=true)', () => expect.fail(why));
  } else {
    console.warn(`${why}; skipping the corpus checks (they are required when CI=true)`);
    it.skip(`${why}; skipped outside CI`, () => {});
  }
}

describe.skipIf(corpusMissing)('persian-tools corpus', () => {
  const cases: Case[] = corpusMissing ? [] : JSON.parse(readFileSync(file, 'utf8')).cases;
  const checked = cases.filter((c) => Object.hasOwn(CHECKS, c.function));

  it('has no case we neither check nor deliberately ignore', () => {
    const unknown = cases.filter((c) => !Object.hasOwn(CHECKS, c.function) && !IGNORED.has(c.function));
    expect(unknown.map((c) => c.id)).toEqual([]);
  });

  it(`checks at least ${MIN_CHECKED} cases`, () => {
    const divergent = checked.filter((c) => Object.hasOwn(DIVERGENT, c.id)).length;
    console.info(`persian-tools corpus: ${checked.length} of ${cases.length} cases checked (${divergent} known divergences)`);
    expect(checked.length).toBeGreaterThanOrEqual(MIN_CHECKED);
    expect(Object.keys(DIVERGENT).filter((id) => !checked.some((c) => c.id === id))).toEqual([]);
  });

  it.each(checked)('$id: $function', (c) => {
    const check = CHECKS[c.function]!;
    if (Object.hasOwn(DIVERGENT, c.id)) expect(() => check(c), DIVERGENT[c.id]).toThrow();
    else check(c);
  });
});
