/**
 * Where quoted history starts in a plain-text reply: the lines mail clients write above what they
 * quote. Each pattern is matched on one line or on two or three lines joined (clients wrap long
 * headers), after bidi controls are removed (Persian clients put RLM/RLE around them).
 */

const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
export const clean = (line: string) => line.replace(BIDI, '').replace(/\u00a0/g, ' ');

const WROTE_WORDS = [
  'wrote', 'sent', 'writes', 'écrit', 'a écrit', 'escribió', 'scritto', 'ha scritto', 'escreveu', 'schreef', 'geschreven', 'het volgende geschreven',
  'schrieb', 'napisał', 'napisał\\(a\\)', 'pisze', 'skrev', 'kirjoitti', 'đã viết', 'написал', 'написала', 'yazdı', 'نوشت', 'نوشته است', 'نوشته', 'كتب',
];
const INTRO_WORDS = ['On', 'Le', 'El', 'Il', 'Em', 'Op', 'Am', 'W dniu', 'Dnia', 'Den', 'På', 'Vào', 'pe', 'در تاریخ', 'در', 'بتاريخ', 'في'];

/** "On DATE, NAME <EMAIL> wrote:" and its translations, Persian «در تاریخ … نوشت:» included. */
const ON_WROTE = new RegExp(
  `^[\\s>*-]*(?:${INTRO_WORDS.join('|')})\\s.{0,400}?(?:${WROTE_WORDS.join('|')})\\s*[:：]?[\\s-]*$`,
  'iu',
);
/** "NAME <EMAIL> wrote:" without a date (Samsung, Gmail mobile), "---- NAME wrote ----" (Android). */
const NAME_WROTE = new RegExp(`^[\\s>*-]*.{0,200}<[^<>\\s]+@[^<>\\s]+>\\s*(?:${WROTE_WORDS.join('|')})\\s*[:：]?\\s*$`, 'iu');
/** A reply header written at the end of a line after dashes: "bla --- On DATE, NAME wrote:". */
const SPLITTER_INLINE = new RegExp(`-{2,}\\s*(?:On|Le|Am|El|Il|Op|در تاریخ)\\s.{0,300}?(?:${WROTE_WORDS.join('|')})\\s*[:：]\\s*$`, 'iu');
const ANDROID_WROTE = /^\s*-{2,}\s*.{1,200}\s(?:wrote|schrieb|a écrit|نوشت)\s*-{2,}\s*$/iu;
/** "2014-10-17 11:28 GMT+03:00 NAME <EMAIL>:" (Gmail in some locales), "2011/4/7 NAME <EMAIL>". */
const DATE_EMAIL = /^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b.{0,200}<\s*[^<>\s]+@[^<>\s]+\s*>\s*:?\s*$/u;
/** "26.06.2014, 14:41, NAME <EMAIL>:" (Yandex), "Thu, 26 Jun 2014 14:00 от NAME <EMAIL>:" (mail.ru), "Op DATE schreef NAME <EMAIL>:". */
const DATED_EMAIL_COLON = new RegExp(
  `^[\\s>*-]*(?:\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s|(?:${INTRO_WORDS.join('|')})\\s).{0,300}<\\s*[^<>\\s]+@[^<>\\s]+\\s*>\\s*(?:${WROTE_WORDS.join('|')}|пользователь.{0,80}написал)?\\s*[:：]\\s*$`,
  'iu',
);
/** "-----Original Message-----" and the like, Persian «پیام اصلی». */
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(?:original message|reply message|ursprüngliche nachricht|antwort nachricht|oprindelig meddelelse|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|ursprungligt meddelande|پیام اصلی|الرسالة الأصلية)\s*-{2,}\s*$/iu;
/** The first line of a header block: From: (Outlook, Persian «از:», «فرستنده:») or Date:. */
const BLOCK_FIRST = /^\s*[*>]*\s*(?:from|von|de|fra|från|van|da|od|от|از|فرستنده|date|datum|تاریخ)\s*[*]?\s*[:：]/iu;
/** A following header line of such a block: Sent:, To:, Subject:, Date: in many languages. */
const BLOCK_NEXT = /^\s*[*>]*\s*(?:sent|date|to|cc|subject|gesendet|an|betreff|envoyé|à|objet|sendt|til|emne|skickat|till|ämne|verzonden|aan|onderwerp|inviato|a|oggetto|enviado|para|asunto|from|отправлено|кому|тема|дата|копия|ارسال شده|ارسال‌شده|تاریخ|به|رونوشت|موضوع|از)\s*[*]?\s*[:：]/iu;
const FORWARD = /^\s*-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|پیام بازارسال‌شده|پیام ارسال‌شده|پیام هدایت‌شده)\s*-{2,}\s*$|^\s*(?:begin forwarded message|anfang der weitergeleiteten nachricht)\s*:\s*$/iu;
const SEPARATOR = /^\s*(?:_{5,}|-{5,}|={5,})\s*$/;

export type Marker = 'splitter' | 'forward' | null;

/** Whether a reply header starts at line `i` (looking at up to three lines). */
export function markerAt(lines: readonly string[], i: number): Marker {
  const one = clean(lines[i] ?? '');
  if (FORWARD.test(one)) return 'forward';
  if (!one.trim()) return null;
  if (ORIGINAL_MESSAGE.test(one) || ANDROID_WROTE.test(one)) return 'splitter';
  if (NAME_WROTE.test(one)) return 'splitter';
  // Patterns anchored by their first words may be wrapped over up to three lines (or four with blank ones, Polymail).
  if (SPLITTER_INLINE.test(one)) return 'splitter';
  for (let n = 1; n <= 6 && i + n <= lines.length; n++) {
    const joined = lines.slice(i, i + n).map(clean).join(' ').replace(/\s+/g, ' ');
    if (joined.length > 600) break;
    if (ON_WROTE.test(joined) || DATE_EMAIL.test(joined) || DATED_EMAIL_COLON.test(joined)) return 'splitter';
  }
  if (BLOCK_FIRST.test(one)) {
    // A header block: From:/Date: followed, within a few lines, by another header line.
    for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
      const next = clean(lines[j]!);
      if (!next.trim()) break;
      if (BLOCK_NEXT.test(next)) return 'splitter';
    }
  }
  return null;
}

export const isSeparator = (line: string) => SEPARATOR.test(clean(line));
