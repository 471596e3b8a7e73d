import { replyFragmentsOf, visibleTextOf, type Fragment } from './fragments.ts';
import { clean, isSeparator, markerAt } from './reply-markers.ts';

/** A body split into what is new (shown) and what is history or signature (folded away, kept). */
export interface FoldedBody {
  visible: string;
  folded: string;
}


const MOBILE_SIGNATURE = /^\s*(?:sent from (?:my )?[\p{L}\d .-]{1,40}|get outlook for [\p{L}\d .-]{1,30}|(?:ارسال|فرستاده) شده از [\p{L}\d .‌-]{1,40})$/iu;

/**
 * Splits a plain-text reply into its new part and the quoted history plus signature. Our reply
 * headers (reply-markers.ts: Gmail, Outlook blocks, Apple Mail, Thunderbird, Android, Persian
 * «در تاریخ … نوشت:» and Outlook's «از: … ارسال شده: …») cut first; then GitHub's fragment model
 * (fragments.ts) folds ">" quotes and signatures after "--", "-Name", "Sent from my …". A forwarded message is not
 * history: nothing after a forward marker is cut. Nothing is dropped: visible + folded hold it all.
 */
export function foldReply(text: string): FoldedBody {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  const isQuote = (l: string) => /^\s*>/.test(l);
  // quotedTail[i]: every line from i on is blank or a "> " quote (computed once: long quotes are common).
  const quotedTail = new Array<boolean>(lines.length + 1);
  quotedTail[lines.length] = true;
  for (let i = lines.length - 1; i >= 0; i--) quotedTail[i] = quotedTail[i + 1]! && (!lines[i]!.trim() || isQuote(lines[i]!));
  let cut = lines.length;
  let forwardAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const marker = markerAt(lines, i);
    if (marker === 'forward') {
      forwardAt = i;
      break;
    }
    if (marker === 'splitter' || (isQuote(lines[i]!) && quotedTail[i])) {
      cut = i;
      break;
    }
  }
  // An underscore or dash line right above the header belongs to it (Outlook).
  let top = cut;
  while (top > 0 && (isSeparator(lines[top - 1]!) || (!lines[top - 1]!.trim() && top - 1 > 0 && isSeparator(lines[top - 2]!)))) top--;
  // A reply header followed by "> " quotes ends with them: text after that block is the sender's again ("Regards").
  let after = lines.length;
  if (cut < lines.length) {
    let j = cut + 1;
    while (j < lines.length && (!lines[j]!.trim() || isQuote(lines[j]!) || (j <= cut + 3 && !lines.slice(cut + 1, j + 1).some(isQuote)))) j++;
    // Only a header directly followed by quotes ("On … wrote:" then "> …") wraps a block; a From: block runs to the end.
    const firstAfter = lines.slice(cut + 1).find((l) => l.trim() !== '' && markerAt(lines, cut) === 'splitter' && !/^\s*[<>]?\s*\S*@/.test(l) ? true : false);
    const quotedBlock = firstAfter !== undefined && isQuote(firstAfter) && lines.slice(cut, j).some(isQuote);
    if (quotedBlock && j < lines.length && !lines.slice(j).some((l) => isQuote(l) || markerAt(lines, lines.indexOf(l)) === 'splitter')) after = j;
  }
  const headEnd = forwardAt >= 0 ? forwardAt : top;
  const head = lines.slice(0, headEnd).join('\n');
  const forwarded = forwardAt >= 0 ? lines.slice(forwardAt).join('\n') : '';
  const tail = lines.slice(top, after).join('\n');
  const trailingFold = after < lines.length ? foldWithParser(`\n${lines.slice(after).join('\n')}`, true) : { visible: '', hidden: '' };
  const trailing = trailingFold.visible.replace(/^\n+/, '');
  const { visible, hidden } = foldWithParser(head);
  let shown = visible;
  if (forwarded.trim()) shown = visible ? `${visible}\n\n${forwarded.replace(/\s+$/, '')}` : forwarded.replace(/\s+$/, '');
  // Text after a wrapped quote joins what came before it, with the blank line that stood above the quote.
  if (trailing.trim()) shown = shown ? `${shown}${/\n[ \t]*$/.test(head) ? '\n\n' : '\n'}${trailing.replace(/\s+$/, '')}` : trailing.replace(/\s+$/, '');
  shown = shown.replace(/^(?:[ \t]*\n)+/, '');
  // A mail that is nothing but quotes is shown whole: an empty article tells the desk nothing.
  if (!shown.trim()) return { visible: normalized.replace(/\s+$/, '').replace(/^(?:[ \t]*\n)+/, ''), folded: '' };
  const folded = [hidden, forwardAt >= 0 ? '' : tail, trailingFold.hidden].filter((s) => s.trim()).join('\n');
  return { visible: shown, folded };
}

/** The reply's fragments (GitHub's model: quoted, signature, hidden), for callers that show them. */
export function replyFragments(text: string): Fragment[] {
  return replyFragmentsOf(text);
}

function foldWithParser(text: string, mayBeEmpty = false): { visible: string; hidden: string } {
  if (!text.trim()) return { visible: '', hidden: '' };
  const fragments = replyFragments(text);
  // Nothing to fold: keep the text exactly as written (trailing spaces included).
  const nothingHidden = !fragments.some((f) => f.hidden && f.content.trim());
  let visible = nothingHidden ? text.replace(/\s+$/, '') : visibleTextOf(fragments);
  let hidden = nothingHidden ? '' : fragments.filter((f) => f.hidden).map((f) => f.content).join('\n');
  // A mobile client's one-line signature at the very end ("Sent from my iPhone", «ارسال شده از …»).
  const lines = visible.split('\n');
  while (lines.length > 1 && (MOBILE_SIGNATURE.test(clean(lines.at(-1)!)) || !lines.at(-1)!.trim())) {
    const last = lines.pop()!;
    if (last.trim()) hidden = `${last}\n${hidden}`;
  }
  if (lines.length !== visible.split('\n').length) visible = lines.join('\n').replace(/\s+$/, '');
  // The parser may hide everything (a body that is only a signature): show it rather than nothing.
  if (!visible.trim()) return mayBeEmpty ? { visible: '', hidden: text } : { visible: text.trim(), hidden: '' };
  return { visible, hidden };
}

/**
 * The same for an HTML body: rendered as text first (quotes become "> " lines, rules become
 * separators, Outlook's header tables become lines), then folded like plain text. The sanitised
 * HTML itself is kept whole beside it.
 */
export function foldHtmlReply(html: string, toText: (html: string) => string): FoldedBody {
  const text = toText(html);
  const lines = text.split('\n');
  const isQuote = (l: string) => /^\s*>/.test(l);
  // In HTML mail a blockquote followed only by the sender's own text (a disclaimer, a closing) is
  // quoted history too; plain text keeps such inline quotes (replies written between them).
  const first = lines.findIndex(isQuote);
  if (first > 0) {
    let end = first;
    while (end < lines.length && (isQuote(lines[end]!) || !lines[end]!.trim())) end++;
    const rest = lines.slice(end);
    if (end < lines.length && !rest.some(isQuote) && !rest.some((_l, k) => markerAt(lines, end + k) !== null) && !lines.slice(0, first).some((_l, k) => markerAt(lines, k) !== null)) {
      const folded = foldReply([...lines.slice(0, first), ...rest].join('\n'));
      return { visible: folded.visible, folded: [lines.slice(first, end).join('\n'), folded.folded].filter((s) => s.trim()).join('\n') };
    }
  }
  return foldReply(text);
}
