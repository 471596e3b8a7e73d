/**
 * Digit scripts. Persian users type Persian digits (U+06F0–U+06F9), some keyboards and
 * pasted Arabic text give Arabic-Indic digits (U+0660–U+0669), and machines want ASCII.
 */

const PERSIAN_ZERO = 0x06f0;
const ARABIC_ZERO = 0x0660;
const ASCII_ZERO = 0x30;

/**
 * Persian and Arabic-Indic digits → ASCII 0–9; everything else is left as is. Each digit is one
 * UTF-16 unit in both scripts, so the length and positions of the string are preserved.
 * Use for comparison and parsing only; store what the user wrote.
 */
export function foldDigits(s: string): string {
  return s.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => {
    const c = d.charCodeAt(0);
    const zero = c >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_ZERO;
    return String.fromCharCode(ASCII_ZERO + c - zero);
  });
}

/** ASCII 0–9 → Persian digits, for display. Other characters (Arabic-Indic digits too) are left as is. */
export function toPersianDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(PERSIAN_ZERO + d.charCodeAt(0) - ASCII_ZERO));
}
