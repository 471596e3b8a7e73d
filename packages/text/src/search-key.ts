/**
 * The one normalisation for everything that compares or searches text (search index, matching,
 * de-duplication). It makes the spellings Persian writers actually use reach one key: Arabic or
 * Persian letters and digits, presentation forms, diacritics, tatweel, hamza forms, ZWNJ or space
 * or nothing inside compounds, invisible controls, Latin case. The key is derived data only:
 * what people wrote is stored and shown exactly as received.
 */
import { foldDigits } from './digits.ts';

/**
 * Letters that fold to another letter. Decisions (see the README):
 * - yeh: Arabic ي, alef maksura ى, yeh with hamza ئ and the other yeh variants → Persian ی;
 * - kaf: Arabic ك and swash kaf ڪ → Persian ک;
 * - alef: أ إ آ ٱ ٲ ٳ → ا (so «آب» and «اب» meet: typed both ways, rarely a different word);
 * - waw with hamza ؤ → و; teh marbuta ة, heh with yeh ۀ, heh goal ہ, ۂ ۃ, ae ە and the
 *   two-eyed heh ھ (some keyboards) → ه.
 * The lone hamza ء stays a letter: «جزء» and «جز» are different words.
 */
const LETTERS: Record<string, string> = {
  '\u064a': 'ی', '\u0649': 'ی', '\u0626': 'ی', '\u0620': 'ی', '\u063d': 'ی', '\u063e': 'ی', '\u063f': 'ی',
  '\u06cd': 'ی', '\u06ce': 'ی', '\u06d0': 'ی',
  '\u0643': 'ک', '\u06aa': 'ک',
  '\u0623': 'ا', '\u0625': 'ا', '\u0622': 'ا', '\u0671': 'ا', '\u0672': 'ا', '\u0673': 'ا',
  '\u0624': 'و',
  '\u0629': 'ه', '\u06c0': 'ه', '\u06c1': 'ه', '\u06c2': 'ه', '\u06c3': 'ه', '\u06d5': 'ه', '\u06be': 'ه',
  // Arabic decimal and thousands separators and percent sign, so «۴٫۵» meets «4.5».
  '\u066b': '.', '\u066c': ',', '\u066a': '%',
};
const FOLDED_LETTERS = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Arabic presentation forms (ligatures and positional shapes): folded with NFKC, one character at a time. */
const PRESENTATION_FORMS = /[\ufb50-\ufdff\ufe70-\ufefe]/g;

/** Presentation forms NFKC leaves alone that still spell words. */
const PRESENTATION_EXTRA: Record<string, string> = { '\ufdfd': 'بسم الله الرحمن الرحیم' };

/**
 * Diacritics (اعراب: fathatan … sukun, hamza and madda above and below, superscript alef),
 * Quranic annotation marks, the high hamza ٴ and tatweel ـ. None is a letter.
 */
const MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u0674\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640]/g;

/**
 * Invisible characters: ZWNJ (U+200C; removed, so the parts of a compound join), ZWSP, ZWJ, word
 * joiner, soft hyphen, BOM, bidi marks, embeddings, overrides and isolates, Arabic letter mark.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** A letter of the Arabic script as it is after folding. */
const AR = '\\u0621-\\u063a\\u0641-\\u064a\\u066e\\u066f\\u0671-\\u06d3\\u06d5\\u06ee\\u06ef\\u06fa-\\u06fc\\u06ff';
/** Not a letter, mark or digit (of any script): where a word ends. */
const EDGE = '[^\\p{L}\\p{M}\\p{N}]';

/** Digits next to Persian letters are separate words: «مسافت۹کیلومتر» = «مسافت ۹ کیلومتر». */
const LETTER_DIGIT = new RegExp(`([${AR}])(?=[0-9])|([0-9])(?=[${AR}])`, 'g');

/**
 * The verbal prefixes «می» and «نمی» and the privative «بی», standing alone before a Persian word,
 * join it: «می شود» = «می‌شود» = «میشود». («هم» is not joined: it is mostly the word "also".)
 */
const PREFIXES = new RegExp(`(?<=^|${EDGE})(ن?می|بی) (?=[${AR}])`, 'gu');

/**
 * A closed list of compounds written both ways, joined: «این جا» = «اینجا», «آن که» = «آنکه»,
 * «هم چنین» = «همچنین», «هم زمان» = «همزمان» (after folding «آن» is «ان»).
 */
const COMPOUNDS = new RegExp(`(?<=^|${EDGE})(این|ان|هم(?= (?:چنین|چنان|زمان|اکنون)(?:$|${EDGE}))) (?=(?:جا|که|چه|گونه|قدر|طور|چنین|چنان|زمان|اکنون)(?:$|${EDGE}))`, 'gu');

/**
 * Suffixes standing alone after a Persian word join it: the plural «ها» with its possessive and
 * indefinite forms, the comparative «تر»/«ترین» and the agent «گر»: «کتاب ها» = «کتاب‌ها» = «کتابها».
 * After a final silent «ه», the indefinite/ezafe «ای» and «ی» join too: «لرزه ای» = «لرزه‌ای».
 */
const SUFFIXES = new RegExp(
  `(?<=[${AR}]) (?:(ها|های|هایی|هایم|هایت|هایش|هایمان|هایتان|هایشان|تر|تری|ترین|گر|گری)|(?<=ه )(ای|ی))(?=$|${EDGE})`,
  'gu',
);

/**
 * The search key of `text`: the one normalisation for comparing and searching (see the module
 * comment). Idempotent; never drops a letter (only marks, invisible controls and spacing change);
 * Latin-only text changes only by case. Punctuation stays; `tokenize` splits on it.
 */
export function normalizeForSearch(text: string): string {
  let s = text.replace(PRESENTATION_FORMS, presentationForm);
  // NFC after the removals, so that a Latin letter and its accent, once apart, compose.
  s = s.toLowerCase().replace(INVISIBLE, '').replace(MARKS, '').normalize('NFC');
  s = foldDigits(s).replace(FOLDED_LETTERS, (c) => LETTERS[c]!);
  s = s.replace(LETTER_DIGIT, '$1$2 ');
  s = s.replace(/\s+/g, ' ').trim();
  return s.replace(PREFIXES, '$1').replace(COMPOUNDS, '$1').replace(SUFFIXES, '$1$2');
}

/**
 * NFKC of one presentation form, except where NFKC would add what is not there: the isolated
 * diacritic forms (U+FE70…, U+FC5E…) become a space and a diacritic; we drop the space too.
 */
function presentationForm(c: string): string {
  const extra = PRESENTATION_EXTRA[c];
  if (extra !== undefined) return extra;
  const k = c.normalize('NFKC');
  return /^ [\u064b-\u065f\u0670]+$/u.test(k) ? k.slice(1) : k;
}
