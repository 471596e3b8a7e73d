/**
 * Highlights and snippets on the ORIGINAL text: the query's tokens are matched against the search
 * key of each word as written, and the ranges returned point into the text as stored, so nothing
 * is ever rewritten or turned into markup. The caller marks the ranges itself.
 */
import { tokenize } from './tokenize.ts';

/** A range of UTF-16 offsets, end exclusive. */
export type Range = [start: number, end: number];

/** What to highlight: exact tokens, and prefixes (`word*`, and typo alternatives are exact tokens). */
export interface HighlightTerms {
  tokens: ReadonlySet<string>;
  prefixes: readonly string[];
}

/** A word as written: letters, marks, digits and the joiners inside words (ZWNJ, ZWJ, bidi marks, tatweel). */
const WORD_CHAR = /[\p{L}\p{M}\p{N}\u200c\u200d\u200e\u200f\u00ad]/u;

interface Span {
  start: number;
  end: number;
}

function wordSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = -1;
  let i = 0;
  for (const ch of text) {
    const word = WORD_CHAR.test(ch);
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      spans.push({ start, end: i });
      start = -1;
    }
    i += ch.length;
  }
  if (start >= 0) spans.push({ start, end: text.length });
  return spans;
}

function matches(terms: HighlightTerms, token: string): boolean {
  return terms.tokens.has(token) || terms.prefixes.some((p) => token.startsWith(p));
}

/**
 * The ranges of `text` whose words match the terms, in order, not overlapping. A word typed
 * apart from its prefix or suffix («می شود», «کتاب ها») is one token of the key: the two words
 * are tried together as well, and highlighted as one range.
 */
export function highlightRanges(text: string, terms: HighlightTerms, within = Number.POSITIVE_INFINITY): Range[] {
  if (terms.tokens.size === 0 && terms.prefixes.length === 0) return [];
  const spans = wordSpans(text);
  const out: Range[] = [];
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k]!;
    // `within` characters past the first range nothing more is wanted (a snippet's window): each word costs a tokenize.
    if (out.length > 0 && span.start >= out[0]![1] + within) break;
    const next = spans[k + 1];
    if (next && /^[ \t]+$/.test(text.slice(span.end, next.start))) {
      const joined = tokenize(text.slice(span.start, next.end));
      if (joined.length === 1 && matches(terms, joined[0]!)) {
        out.push([span.start, next.end]);
        k++;
        continue;
      }
    }
    if (tokenize(text.slice(span.start, span.end)).some((t) => matches(terms, t))) out.push([span.start, span.end]);
  }
  return out;
}

/** A snippet of `text`: at most about `maxLength` characters around the first highlight, with the ranges inside it. */
export interface SnippetText {
  text: string;
  highlights: Range[];
}

const ELLIPSIS = '…';

/**
 * The part of `text` to show for a hit: the window of about `maxLength` characters that starts a
 * little before the first highlight (cut at spaces), with «…» where text was left out, and the
 * highlight ranges shifted into it. Null when nothing in the text matched.
 */
export function snippetOf(text: string, terms: HighlightTerms, maxLength = 200): SnippetText | null {
  // The window ends at most maxLength past the first range's end: ranges beyond it are never shown.
  const ranges = highlightRanges(text, terms, maxLength);
  if (ranges.length === 0) return null;
  const flat = text.replace(/\s/g, ' ');
  let start = Math.max(0, ranges[0]![0] - Math.floor(maxLength / 4));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < ranges[0]![0] ? space + 1 : ranges[0]![0];
  }
  let end = Math.min(flat.length, start + maxLength);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > ranges[0]![1]) end = space;
    end = Math.max(end, ranges[0]![1]);
  }
  const lead = start > 0 ? ELLIPSIS : '';
  const body = flat.slice(start, end);
  const shift = lead.length - start;
  const highlights = ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]): Range => [s + shift, e + shift]);
  return { text: lead + body + (end < flat.length ? ELLIPSIS : ''), highlights };
}
