import { decode as decodeCharset, libmime } from './load-libmime.ts';

/**
 * The header block of a raw message as written, for what mailparser re-formats: the display texts
 * of From/To/Cc and the subject keep the sender's own spelling (quotes, comments, spacing), which is
 * what a person recognises and what the Zammad corpus expects. 8-bit header bytes (not allowed, but
 * common in Chinese and Persian spam and old clients) are read as UTF-8 when they are valid UTF-8,
 * else in the charset the message declares, else as Latin-1; RFC 2047 words are then decoded.
 */
export function rawHeaderTexts(raw: Buffer, fallbackCharset: string | null): Map<string, string[]> {
  const end = headerEnd(raw);
  const block = raw.subarray(0, end);
  const out = new Map<string, string[]>();
  // Unfold: a line break followed by white space continues the header (RFC 5322 2.2.3).
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < block.length; i++) {
    if (block[i] !== 0x0a) continue;
    const lineEnd = i > 0 && block[i - 1] === 0x0d ? i - 1 : i;
    const next = block[i + 1];
    if (next === 0x20 || next === 0x09) {
      lines.push(block.subarray(start, lineEnd));
      start = i + 1;
      continue;
    }
    lines.push(block.subarray(start, lineEnd));
    pushHeader(out, Buffer.concat(lines), fallbackCharset);
    lines.length = 0;
    start = i + 1;
  }
  if (start < block.length) {
    lines.push(block.subarray(start));
    pushHeader(out, Buffer.concat(lines), fallbackCharset);
  }
  return out;
}

function pushHeader(out: Map<string, string[]>, line: Buffer, fallbackCharset: string | null): void {
  const colon = line.indexOf(0x3a);
  if (colon <= 0) return;
  const name = line.subarray(0, colon).toString('latin1').trim().toLowerCase();
  if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) return;
  // White space around the raw value is folding, not content; inside encoded words it is kept.
  const value = decodeWords(bytesToText(line.subarray(colon + 1), fallbackCharset).replace(/^[ \t]+|[ \t]+$/g, ''));
  const list = out.get(name);
  if (list) list.push(value);
  else out.set(name, [value]);
}

/**
 * RFC 2047 encoded words decoded; text that is no encoded word is left as it is. A Q-encoded word
 * with white space inside it (invalid, but old Exchange folds long subjects so) is decoded piece
 * by piece with the white space kept as written, tabs included.
 */
export function decodeWords(text: string): string {
  try {
    const repaired = text.replace(/=\?([^?\s]+)\?([Qq])\?([^?]*[ \t][^?]*)\?=/g, (_whole, charset: string, q: string, body: string) =>
      body
        .split(/([ \t]+)/)
        .map((piece, i) => (i % 2 === 1 || piece === '' ? piece : libmime.decodeWords(`=?${charset}?${q}?${piece}?=`)))
        .join(''),
    );
    return libmime.decodeWords(repaired);
  } catch {
    return text;
  }
}

function bytesToText(bytes: Buffer, fallbackCharset: string | null): string {
  if (bytes.every((b) => b < 0x80)) return bytes.toString('latin1');
  const utf8 = bytes.toString('utf8');
  if (!utf8.includes('\uFFFD')) return utf8;
  if (fallbackCharset) {
    try {
      return decodeCharset(bytes, fallbackCharset);
    } catch {
      // fall through
    }
  }
  return bytes.toString('latin1');
}

function headerEnd(raw: Buffer): number {
  for (let i = 0; i < raw.length - 1; i++) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return i;
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return i;
  }
  return raw.length;
}

/** The charset the top-level Content-Type declares (for 8-bit headers), or null. */
export function declaredCharset(headers: Map<string, string[]>): string | null {
  const ct = headers.get('content-type')?.[0] ?? '';
  const m = /charset\s*=\s*"?([^";\s]+)/i.exec(ct);
  return m ? m[1]!.toLowerCase() : null;
}
