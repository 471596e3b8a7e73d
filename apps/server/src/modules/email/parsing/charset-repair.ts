import { decode as decodeCharset } from './load-libmime.ts';

/** What a second reading of a message changes: its text and HTML bodies. */
export interface Bodies {
  text?: string | false | undefined;
  html?: string | false | undefined;
}

const SMALL_ENOUGH = 10 * 1024 * 1024;

/**
 * Text parts whose bytes are no valid UTF-8 although they say so (or say us-ascii, or say nothing)
 * come out of mailparser with U+FFFD where those bytes were. Such a message is read a second time
 * with those parts relabelled "binary" — a byte-for-byte reading (libmime reads ISO-8859-1 as windows-1252) — and each body that had U+FFFD
 * takes its bytes from there: GB18030 when they read as Chinese throughout (old Chinese mailers
 * send GB text unlabelled), else Latin-1, as Zammad and most clients show such mail.
 */
export async function repairUndecodableBodies(rawOf: () => Buffer, size: number, first: Bodies, parse: (raw: Buffer) => Promise<Bodies>): Promise<Bodies> {
  const broken = (v: Bodies['text']) => typeof v === 'string' && v.includes('\uFFFD');
  if (!(broken(first.text) || broken(first.html)) || size > SMALL_ENOUGH) return first;
  const second = await parse(relabelled(rawOf()));
  const repair = (before: Bodies['text'], after: Bodies['text']) => (broken(before) && typeof after === 'string' && !/[^\u0000-\u00ff]/.test(after) ? readBytes(Buffer.from(after, 'latin1')) : before);
  return { text: repair(first.text, second.text), html: repair(first.html, second.html) };
}

/** The message with every utf-8 / us-ascii label (and a missing top-level type) replaced by ISO-8859-1. */
function relabelled(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = headerEnd < 0 ? text : text.slice(0, headerEnd);
  // No type at all: one text/plain part, whatever its text looks like (even MIME headers quoted in it).
  if (!/^content-type:/im.test(head)) return Buffer.from(`Content-Type: text/plain; charset=binary\r\n${text}`, 'latin1');
  const typeHeader = /^(content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim;
  return Buffer.from(text.replace(typeHeader, (header: string) => header.replace(/(charset\s*=\s*)("?)(?:utf-?8|us-ascii|ascii)\2/gi, '$1$2binary$2')), 'latin1');
}

/**
 * Bytes of unknown charset: GB18030 when every 8-bit run reads as Chinese; else the single-byte
 * reading in which more of the 8-bit characters are letters (the classic single-byte guess), Latin-1
 * unless Latin-2 reads clearly better.
 */
function readBytes(bytes: Buffer): string {
  const gb = tryDecode(bytes, 'gb18030');
  if (gb !== null) {
    const wide = [...gb].filter((c) => c.charCodeAt(0) > 0x7f);
    const chinese = wide.filter((c) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(c));
    if (wide.length > 0 && !gb.includes('\uFFFD') && chinese.length / wide.length > 0.9) return gb;
  }
  const latin1 = bytes.toString('latin1');
  const latin2 = tryDecode(bytes, 'iso-8859-2');
  return latin2 !== null && letterScore(latin2) > letterScore(latin1) ? latin2 : latin1;
}

function tryDecode(bytes: Buffer, charset: string): string | null {
  try {
    return decodeCharset(bytes, charset);
  } catch {
    return null;
  }
}

/** 8-bit characters that are letters, less those that are not. */
function letterScore(text: string): number {
  let score = 0;
  for (const c of text) if (c.charCodeAt(0) > 0x7f) score += /\p{L}/u.test(c) ? 1 : -1;
  return score;
}
