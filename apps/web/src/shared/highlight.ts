/** A run of text, marked when a highlight range covers it. */
export interface Segment {
  text: string;
  marked: boolean;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** True when offset i falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, i: number) => i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

/**
 * Cuts text into plain and marked runs from the server's highlight ranges (UTF-16 offsets, end
 * exclusive: packages/text snippetOf). Ranges are clamped to the text, widened so they never split a
 * surrogate pair, sorted, and merged where they overlap or touch; empty ones are dropped. Pure, so the
 * component can build <mark> elements from it without ever parsing markup.
 */
export function highlightSegments(text: string, ranges: ReadonlyArray<readonly [number, number]>): Segment[] {
  const clamp = (n: number) => Math.min(Math.max(Math.trunc(n), 0), text.length);
  const spans = ranges
    .map(([from, to]) => {
      let start = clamp(from);
      let end = clamp(to);
      if (splitsPair(text, start)) start--;
      if (splitsPair(text, end)) end++;
      return [start, end] as const;
    })
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    out.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), marked: false });
  return out;
}
