import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeForSearch } from './search-key.ts';

/** The Persian alphabet as the key spells it (آ folds to ا, so it is not here). */
const PERSIAN_LETTERS = [...'ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی'];
/** What writers put around and between letters: Arabic variants, marks, ZWNJ, controls, spaces, punctuation. */
const VARIANTS = [...'يىئكأإآؤةۀھ', '\u064b', '\u064e', '\u0650', '\u0651', '\u0652', '\u0670', '\u0640', '\u200c', '\u200f', '\u202b', '\ufeff'];
const SPACING = [' ', '  ', '\u00a0', '\n', '\t', '، ', '؟', '«', '»', '.', ','];
const LATIN = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÉßøÅ'];
const DIGITS = [...'0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩'];
const AFFIXES = ['می', 'نمی', 'بی', 'ها', 'های', 'تر', 'ترین', 'ای', 'ی', 'ه'];

/** Persian-looking text: letters, variants, affixes as words, digits, Latin and spacing in any order. */
const persianish = fc
  .array(fc.oneof(fc.constantFrom(...PERSIAN_LETTERS, ...VARIANTS, ...SPACING, ...LATIN, ...DIGITS, ...AFFIXES)), { maxLength: 40 })
  .map((parts) => parts.join(''));
/** Anything at all, including presentation forms, lone surrogates and every control. */
const anyText = fc.oneof(persianish, fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: fc.integer({ min: 0xfb50, max: 0xfeff }).map((c) => String.fromCharCode(c)), maxLength: 10 }));

describe('normalizeForSearch', () => {
  it('folds Arabic letters and digits to Persian letters and ASCII digits', () => {
    expect(normalizeForSearch('علي كريمي')).toBe('علی کریمی');
    expect(normalizeForSearch('موسى')).toBe('موسی');
    expect(normalizeForSearch('پائیز')).toBe(normalizeForSearch('پاییز'));
    expect(normalizeForSearch('تیکت ۱۲۳ و ٤٥٦')).toBe('تیکت 123 و 456');
    expect(normalizeForSearch('۴٫۵')).toBe('4.5');
  });

  it('folds hamza forms as documented, and keeps the lone hamza', () => {
    expect(normalizeForSearch('أحمد إيران آب مؤسسه مدرسة خانۀ خانهٔ ٱلله')).toBe('احمد ایران اب موسسه مدرسه خانه خانه الله');
    expect(normalizeForSearch('جزء')).not.toBe(normalizeForSearch('جز'));
  });

  it('removes diacritics and tatweel, and composes decomposed letters first', () => {
    expect(normalizeForSearch('حَذفِ اِعراب')).toBe('حذف اعراب');
    expect(normalizeForSearch('ســــلام دنیـــا')).toBe('سلام دنیا');
    expect(normalizeForSearch('\u0627\u0653ب')).toBe(normalizeForSearch('آب'));
    expect(normalizeForSearch('cafe\u0301')).toBe('café');
  });

  it('folds presentation forms, without the space NFKC puts before an isolated diacritic', () => {
    expect(normalizeForSearch('ﺳﻼﻡ ﻋﻠﻲ')).toBe('سلام علی');
    expect(normalizeForSearch('ﮐﺘﺎﺏ\ufe70')).toBe('کتاب');
    expect(normalizeForSearch('\ufc5e')).toBe('');
    expect(normalizeForSearch('﷽')).toBe('بسم الله الرحمن الرحیم');
  });

  it('brings «می‌شود», «میشود» and «می شود» to one key, and other compounds too', () => {
    const key = normalizeForSearch('می‌شود');
    expect(normalizeForSearch('میشود')).toBe(key);
    expect(normalizeForSearch('می شود')).toBe(key);
    expect(normalizeForSearch('می   شود')).toBe(key);
    expect(normalizeForSearch('می‌ شود')).toBe(key);
    expect(normalizeForSearch('نمی دانم')).toBe(normalizeForSearch('نمی‌دانم'));
    expect(normalizeForSearch('کتاب ها')).toBe(normalizeForSearch('کتاب‌ها'));
    expect(normalizeForSearch('بزرگ ترین')).toBe(normalizeForSearch('بزرگترین'));
    expect(normalizeForSearch('زمین‌لرزه ای')).toBe(normalizeForSearch('زمین‌لرزه‌ای'));
    expect(normalizeForSearch('(می رود)')).toBe('(میرود)');
    expect(normalizeForSearch('آن که این جا هم چنین')).toBe(normalizeForSearch('آنکه اینجا همچنین'));
    expect(normalizeForSearch('اخلال گر')).toBe(normalizeForSearch('اخلال‌گر'));
  });

  it('does not join what is not an affix', () => {
    expect(normalizeForSearch('من هم رفتم')).toBe('من هم رفتم');
    expect(normalizeForSearch('این کار')).toBe('این کار');
    expect(normalizeForSearch('این جاده')).toBe('این جاده');
    expect(normalizeForSearch('میز ها')).toBe('میزها');
    expect(normalizeForSearch('کتاب ای')).toBe('کتاب ای'); // «ای» joins only after a final «ه»
    expect(normalizeForSearch('می 3')).toBe('می 3');
    expect(normalizeForSearch('mi ها')).toBe('mi ها');
  });

  it('removes invisible controls and folds whitespace', () => {
    expect(normalizeForSearch('\u200f  سلام\u00a0\u202bدنیا\u202c\n\t!\ufeff ')).toBe('سلام دنیا !');
    expect(normalizeForSearch('a\u200bb\u00adc')).toBe('abc');
  });

  it('separates digits from Persian letters, not from Latin ones', () => {
    expect(normalizeForSearch('مسافت۹کیلومتر')).toBe('مسافت 9 کیلومتر');
    expect(normalizeForSearch('win10 ipv6')).toBe('win10 ipv6');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(anyText, (s) => { expect(normalizeForSearch(normalizeForSearch(s))).toBe(normalizeForSearch(s)); }), { numRuns: 2000 });
  });

  it('never removes a Persian or Latin letter', () => {
    // The letters written in their key spelling appear in the key, in order (variants fold to other letters).
    const letters = (s: string) => [...s].filter((c) => /\p{L}/u.test(c) && !VARIANTS.includes(c));
    const inOrder = (needle: string[], hay: string[]) => needle.every(((i) => (c: string) => (i = hay.indexOf(c, i) + 1) > 0)(0));
    fc.assert(
      fc.property(persianish, (s) => { expect(inOrder(letters(s.toLowerCase()), letters(normalizeForSearch(s)))).toBe(true); }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(persianish, (s) => {
        const count = (t: string) => [...t].filter((c) => /\p{L}/u.test(c) && c !== '\u0640').length; // tatweel is Lm, not a letter
        expect(count(normalizeForSearch(s))).toBe(count(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('changes Latin-only text only by case', () => {
    const word = fc.array(fc.constantFrom(...LATIN, ...'0123456789.,:;!?-_@/()\'"'), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
    const latin = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
    fc.assert(fc.property(latin, (s) => { expect(normalizeForSearch(s)).toBe(s.toLowerCase()); }), { numRuns: 1000 });
  });

  it('gives different keys to different words', () => {
    const words = ['کتاب', 'کتب', 'کاتب', 'سلام', 'سالم', 'اسلام', 'شیر', 'شیرها', 'میز', 'مایع', 'جزء', 'جز', 'ticket', 'tickets', '10234', '1023'];
    expect(new Set(words.map(normalizeForSearch)).size).toBe(words.length);
  });
});
