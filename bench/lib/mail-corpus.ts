import iconv from 'iconv-lite';

/** One generated inbound message: raw RFC 5322 bytes and its envelope sender. */
export interface GeneratedMail {
  from: string;
  raw: Buffer;
  kind: 'text' | 'html' | 'attachment' | 'reply';
  cp1256: boolean;
}

/** Distinct senders: each stays under the loop breaker's 30 messages an hour (10,000 / 400 = 25). */
const SENDERS = 400;

const PERSIAN = [
  'سلام، چاپگر طبقه دوم از صبح کاغذ گیر می‌کند و چراغ خطا روشن است.',
  'رایانه‌ی من پس از به‌روزرسانی روشن نمی‌شود؛ لطفاً راهنمایی کنید.',
  'دسترسی به پوشه‌ی مشترک مالی را ندارم. خطای «دسترسی رد شد» می‌دهد.',
  'گذرواژه‌ی ایمیلم منقضی شده و نمی‌توانم وارد شوم.',
];
const ENGLISH = [
  'Hello, the VPN drops every ten minutes since this morning.',
  'My laptop battery swells; could someone replace it?',
  'Please create an account for our new colleague starting Monday.',
  'The projector in meeting room 3 shows no picture.',
];

/** A deterministic generator, so runs are comparable. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
const b64lines = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');
export const messageIdOf = (i: number) => `<bench-${i}@customer.example>`;

/**
 * n messages as real mail looks: 20 % plain text, 30 % HTML with a text alternative, 20 % with a
 * file (6–14 KB), 30 % replies to an earlier message of the same sender (In-Reply-To, References,
 * quoted history); 30 % of all of them in windows-1256 (Persian, 8-bit or quoted-printable,
 * RFC 2047 subjects), the rest UTF-8. Message i is a reply only to message i − 400, sent long before.
 */
export function generateMail(n: number, seed = 7): GeneratedMail[] {
  const random = mulberry32(seed);
  const out: GeneratedMail[] = [];
  for (let i = 0; i < n; i++) {
    const sender = `customer${i % SENDERS}@customer.example`;
    const cp1256 = i % 10 < 3;
    const slot = Math.floor(i / 10) % 10;
    const kind: GeneratedMail['kind'] = i >= SENDERS && slot < 3 ? 'reply' : slot < 5 ? 'text' : slot < 8 ? 'html' : 'attachment';
    const persian = cp1256 || i % 2 === 0;
    const text = (persian ? PERSIAN : ENGLISH)[i % 4]!;
    const subjectText = kind === 'reply' ? `Re: ${persian ? 'درخواست' : 'Request'} ${i - SENDERS}` : `${persian ? 'درخواست' : 'Request'} ${i}`;
    const charset = cp1256 ? 'windows-1256' : 'utf-8';
    const encode = (s: string) => (cp1256 ? iconv.encode(s, 'windows-1256') : Buffer.from(s, 'utf8'));
    const subject = `=?${charset}?B?${encode(subjectText).toString('base64')}?=`;
    const head = [
      `From: =?${charset}?B?${encode(persian ? 'مشتری' : 'Customer').toString('base64')}?= <${sender}>`,
      'To: support@localhost',
      `Subject: ${subject}`,
      `Message-ID: ${messageIdOf(i)}`,
      `Date: ${new Date(Date.UTC(2026, 11, 1, 8, 0, i % 3600)).toUTCString()}`,
      'MIME-Version: 1.0',
      ...(kind === 'reply' ? [`In-Reply-To: ${messageIdOf(i - SENDERS)}`, `References: ${messageIdOf(i - SENDERS)}`] : []),
    ];
    const body = kind === 'reply' ? `${text}\n\nOn Tue, 1 Dec 2026, Desk wrote:\n> ${(persian ? PERSIAN : ENGLISH)[(i + 1) % 4]}\n> --\n> Service Desk\n` : `${text}\n\n${persian ? 'با سپاس' : 'Thanks'}\n`;
    // windows-1256 text goes 8-bit or quoted-printable (half each); UTF-8 as base64.
    const textPart = (s: string, type: string) => {
      const bytes = encode(s);
      if (!cp1256) return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64lines(bytes)}`;
      if (i % 2 === 0) return `Content-Type: ${type}; charset=windows-1256\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${crlf(bytes.toString('latin1'))}`;
      return `Content-Type: ${type}; charset=windows-1256\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(bytes)}`;
    };
    let mime: string;
    if (kind === 'html') {
      const html = `<html><body dir="${persian ? 'rtl' : 'ltr'}"><p>${text}</p><p><b>${persian ? 'با سپاس' : 'Thanks'}</b></p><img src="https://tracker.example/p.gif"></body></html>`;
      mime = `Content-Type: multipart/alternative; boundary="alt${i}"\r\n\r\n--alt${i}\r\n${textPart(body, 'text/plain')}\r\n--alt${i}\r\n${textPart(html, 'text/html')}\r\n--alt${i}--\r\n`;
    } else if (kind === 'attachment') {
      const size = 6_000 + Math.floor(random() * 8_000);
      const file = Buffer.alloc(size);
      for (let k = 0; k < size; k++) file[k] = Math.floor(random() * 256);
      mime = `Content-Type: multipart/mixed; boundary="mix${i}"\r\n\r\n--mix${i}\r\n${textPart(body, 'text/plain')}\r\n--mix${i}\r\nContent-Type: application/pdf; name="report-${i}.pdf"\r\nContent-Disposition: attachment; filename="report-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64lines(file)}\r\n--mix${i}--\r\n`;
    } else {
      mime = textPart(body, 'text/plain');
    }
    const raw = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n`, 'latin1'), Buffer.from(mime, 'latin1')]);
    out.push({ from: sender, raw, kind, cp1256 });
  }
  return out;
}

/** Quoted-printable of bytes (RFC 2045), soft line breaks at 76. */
function qp(bytes: Buffer): string {
  let line = '';
  const lines: string[] = [];
  for (const b of bytes) {
    const piece = b === 0x0a ? '\n' : b === 0x0d ? '' : (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\n') {
      lines.push(line);
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += piece;
  }
  lines.push(line);
  return lines.join('\r\n');
}
