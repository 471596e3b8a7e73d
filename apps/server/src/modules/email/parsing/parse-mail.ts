import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AddressObject, Attachment, HeaderValue } from 'mailparser';
import { convert } from './load-html-to-text.ts';
import { decode as decodeCharset } from './load-libmime.ts';
import { addressHeaderText, parseAddresses } from './address-text.ts';
import { deliveryStatusParts } from './delivery-status.ts';
import { declaredCharset, rawHeaderTexts } from './raw-headers.ts';
import { loadSanitizer } from './sanitize-html.ts';
import { repairUndecodableBodies } from './charset-repair.ts';

export interface MailAddress {
  address: string;
  name: string;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  size: number;
  md5: string;
  /** Content-ID without brackets, for inline (cid:) images. */
  contentId: string | null;
  /** Shown in the body (a cid: image the HTML refers to) rather than listed. */
  inline: boolean;
}

/** One inbound mail as the channel works with it: addresses, threading headers, clean bodies, files. */
export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  /** Outlook's Thread-Index (base64), if any. */
  threadIndex: string | null;
  from: MailAddress | null;
  /** Header texts as decoded (RFC 2047), for display and the corpus: "Name <a@b>, c@d". */
  fromText: string;
  toText: string;
  ccText: string;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date: number | null;
  /** The plain text body: the text part, or the HTML rendered as text when there is only HTML. */
  text: string;
  /** The HTML part after the allow-list (sanitize-html.ts), or null. */
  html: string | null;
  attachments: MailAttachment[];
  /** Every header, lower-case name → its decoded value(s) joined (for the safety checks). */
  headers: ReadonlyMap<string, string>;
  /** What was odd about it but did not stop it: no_message_id, no_from, no_date, … */
  problems: string[];
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/**
 * Parses a raw RFC 5322 message with mailparser: every charset it knows (UTF-8, windows-125x,
 * ISO-8859-x, KOI8-R, GB2312/GBK, Big5, ISO-2022-JP, UTF-7 …), RFC 2047 headers and RFC 2231
 * file names. HTML is sanitised; text is derived when only HTML came; inline cid: images stay
 * attachments marked `inline`; forwarded messages (message/rfc822) and calendar invitations are
 * kept as attachments. Never throws on bad mail: what cannot be read becomes a problem entry and
 * the best text available (the raw bytes, decoded as UTF-8 with replacement) is kept.
 */
export async function parseMail(message: RawMessage): Promise<ParsedMail> {
  const problems: string[] = [];
  // Loaded on first use: mailparser and sanitize-html are large, and most CLI commands never parse mail.
  const { simpleParser } = await import('mailparser');
  const sanitizeMailHtml = await loadSanitizer();
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  const options = { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: true, maxHtmlLengthToParse: 10 * 1024 * 1024 };
  try {
    parsed = await simpleParser(Buffer.isBuffer(message) ? message : Readable.from(message), options);
    const bodies = await repairUndecodableBodies(() => Buffer.concat(chunksOf(message)), chunksOf(message).reduce((n, c) => n + c.length, 0), parsed, (raw) => simpleParser(raw, options));
    parsed.text = bodies.text as string;
    parsed.html = bodies.html;
  } catch (error) {
    problems.push(`unparsable: ${(error as Error).message.slice(0, 200)}`);
    return fallback(Buffer.concat(chunksOf(message)), problems);
  }
  // The header block is all the raw bytes read here again: a big message is not copied whole.
  const raw = headerBlock(message);
  const headers = headerMap(parsed.headers);
  const rawHeaders = rawHeaderTexts(raw, null);
  const charset = declaredCharset(rawHeaders);
  const written = charset ? rawHeaderTexts(raw, charset) : rawHeaders;
  // The last From wins (a forged first one is common in spam); mailparser reads the same.
  const writtenFrom = written.get('from')?.at(-1);
  const fromText = writtenFrom !== undefined ? addressHeaderText(writtenFrom) : addressText(parsed.from);
  const toText = joinedHeader(written.get('to')) ?? addressText(parsed.to);
  const ccText = joinedHeader(written.get('cc')) ?? addressText(parsed.cc);
  const from = firstAddress(parsed.from) ?? parseAddresses(writtenFrom ?? '')[0] ?? null;
  if (!from) problems.push('no_from');
  const messageId = parsed.messageId ? normalizeId(parsed.messageId) : null;
  if (!messageId) problems.push('no_message_id');
  if (!parsed.date) problems.push('no_date');

  const rawHtml = typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : null;
  const html = rawHtml ? sanitizeMailHtml(rawHtml) : null;
  let text = typeof parsed.text === 'string' ? parsed.text : '';
  const reports = /multipart\/report/i.test(headers.get('content-type') ?? '') ? deliveryStatusParts(Buffer.concat(chunksOf(message))) : [];
  // mailparser adds a bounce's delivery-status part to the text; it is kept as a file instead.
  for (const part of reports) text = withoutReport(text, part.content.toString('latin1'));
  if (!text.trim() && html) text = htmlToText(html);

  const referencedCids = new Set<string>();
  for (const m of (rawHtml ?? '').matchAll(/cid:([^"'\s>)]+)/gi)) referencedCids.add(m[1]!.toLowerCase());
  const attachments = parsed.attachments.map((a, i) => attachmentOf(a, i, referencedCids, charset));
  // Bounces (RFC 3464) are multipart/report, and small: only then is the whole message read as text.
  for (const part of reports) attachments.push(fileOf(part.filename, 'message/delivery-status', part.content));
  // The HTML as it came (unsanitised) is kept as a file, never shown inline: "show original".
  if (rawHtml) attachments.push(fileOf('message.html', 'text/html', Buffer.from(rawHtml, 'utf8')));

  return {
    messageId,
    inReplyTo: ids(parsed.inReplyTo),
    references: ids(parsed.references),
    threadIndex: headers.get('thread-index')?.trim() || null,
    from,
    fromText,
    toText,
    ccText,
    replyTo: addresses(parsed.replyTo),
    to: orParsed(addresses(parsed.to), toText),
    cc: orParsed(addresses(parsed.cc), ccText),
    subject: written.get('subject')?.[0] ?? parsed.subject ?? '',
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.getTime() : null,
    text: text.replace(/\r\n?/g, '\n'),
    html,
    attachments,
    headers,
    problems,
  };
}

/** The text without a delivery-status report mailparser appended to it (compared line by line, white space folded). */
function withoutReport(text: string, report: string): string {
  const key = (s: string) => s.replace(/\s+/g, ' ').trim();
  const wanted = key(report);
  if (!wanted) return text;
  const lines = text.split('\n');
  for (let start = 0; start < lines.length; start++) {
    if (!key(lines[start]!)) continue;
    for (let end = start + 1; end <= lines.length; end++) {
      const got = key(lines.slice(start, end).join('\n'));
      if (got === wanted) return [...lines.slice(0, start), ...lines.slice(end)].join('\n').replace(/\n+$/, '\n');
      if (got.length > wanted.length) break;
    }
  }
  return text;
}

/** A raw message: one buffer, or the chunks it arrived in (the SMTP receiver's, never joined). */
export type RawMessage = Buffer | readonly Buffer[];

export function chunksOf(message: RawMessage): readonly Buffer[] {
  return Buffer.isBuffer(message) ? [message] : message;
}

/** The leading bytes of a raw message up to and including its blank line (all of it when there is none). */
function headerBlock(message: RawMessage): Buffer {
  if (Buffer.isBuffer(message)) return message;
  const taken: Buffer[] = [];
  for (const chunk of message) {
    taken.push(chunk);
    const joined = taken.length === 1 ? chunk : Buffer.concat(taken);
    if (joined.indexOf('\r\n\r\n') >= 0 || joined.indexOf('\n\n') >= 0) return joined;
    if (taken.length > 1) taken.splice(0, taken.length, joined);
  }
  return taken[0] ?? Buffer.alloc(0);
}

/** HTML (already sanitised) as readable plain text. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  }).trim();
}

function fileOf(filename: string, contentType: string, content: Buffer): MailAttachment {
  return { filename, contentType, content, size: content.length, md5: md5(content), contentId: null, inline: false };
}

function attachmentOf(a: Attachment, index: number, referencedCids: Set<string>, charset: string | null): MailAttachment {
  const contentId = a.contentId ? a.contentId.replace(/^<|>$/g, '') : a.cid ?? null;
  const declared = a.headers?.get('content-type') as { value?: string } | undefined;
  const contentType = (declared?.value || a.contentType || 'application/octet-stream').toLowerCase();
  let content = Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content ?? '');
  // A forwarded message is text: kept with plain line ends, as mail clients save .eml files.
  if (contentType === 'message/rfc822') content = Buffer.from(content.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
  return {
    filename: (a.filename && eightBitName(a.filename, charset)) || nameOfForwarded(contentType, content) || defaultName(contentType, index),
    contentType,
    content,
    size: content.length,
    md5: md5(content),
    contentId,
    inline: !!contentId && referencedCids.has(contentId.toLowerCase()),
  };
}

/** A forwarded message is named after its subject, as mail clients show it: "Subject.eml". */
function nameOfForwarded(contentType: string, content: Buffer): string | null {
  if (contentType !== 'message/rfc822') return null;
  const subject = rawHeaderTexts(content, null).get('subject')?.[0]?.trim();
  return subject ? `${subject.replace(/[\\/\x00-\x1f]+/g, ' ').slice(0, 200)}.eml` : null;
}

function joinedHeader(values: string[] | undefined): string | undefined {
  return values?.map((v) => addressHeaderText(v)).filter(Boolean).join(', ');
}

function orParsed(found: MailAddress[], text: string): MailAddress[] {
  return found.length > 0 ? found : parseAddresses(text);
}

/**
 * A file name sent as raw 8-bit bytes (no RFC 2231/2047) reaches us as Latin-1 text: read it
 * again as UTF-8, or in the message's declared charset (GB2312, windows-1256 …).
 */
function eightBitName(name: string, charset: string | null): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const bytes = Buffer.from(name, 'latin1');
  const utf8 = bytes.toString('utf8');
  if (!utf8.includes('\uFFFD')) return utf8;
  if (!charset) return name;
  try {
    return decodeCharset(bytes, charset);
  } catch {
    return name;
  }
}

function defaultName(contentType: string, index: number): string {
  if (contentType.startsWith('image/')) return `image.${contentType.slice(6).replace(/[^a-z0-9]/g, '') || 'bin'}`;
  if (contentType === 'message/rfc822') return `forwarded-${index + 1}.eml`;
  if (contentType === 'text/calendar') return `invite-${index + 1}.ics`;
  const ext = contentType.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin';
  return `attachment-${index + 1}.${ext}`;
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  const out: MailAddress[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else if (e.address) out.push({ address: e.address.trim(), name: (e.name ?? '').trim() });
    }
  };
  for (const f of list) walk(f.value);
  return out;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): MailAddress | null {
  return addresses(field)[0] ?? null;
}

function addressText(field: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.map((f) => f.text).join(', ');
}

function normalizeId(id: string): string {
  const t = id.trim();
  return t.startsWith('<') ? t : `<${t}>`;
}

function ids(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const found = text.match(/<[^<>\s]+>/g);
  return found ?? text.split(/\s+/).filter((s) => s.includes('@')).map((s) => `<${s}>`);
}

function headerMap(headers: Map<string, HeaderValue>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of headers) out.set(name.toLowerCase(), headerText(value));
  return out;
}

function headerText(value: HeaderValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('value' in value) {
      const v = (value as { value: unknown; params?: Record<string, string> }).value;
      const params = (value as { params?: Record<string, string> }).params ?? {};
      return [String(v), ...Object.entries(params).map(([k, p]) => `${k}=${p}`)].join('; ');
    }
  }
  return String(value);
}

/** When mailparser itself gives up: keep the bytes as text so that nothing is lost. */
function fallback(raw: Buffer, problems: string[]): ParsedMail {
  const text = raw.toString('utf8');
  const split = text.search(/\r?\n\r?\n/);
  return {
    messageId: null,
    inReplyTo: [],
    references: [],
    threadIndex: null,
    from: null,
    fromText: '',
    toText: '',
    ccText: '',
    replyTo: [],
    to: [],
    cc: [],
    subject: '',
    date: null,
    text: split >= 0 ? text.slice(split).trim() : text,
    html: null,
    attachments: [],
    headers: new Map(),
    problems: [...problems, 'no_from', 'no_message_id'],
  };
}
