import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseType, contentDisposition, downloadName, decideContentType, isActiveType, looksLikeText, OCTET_STREAM } from './attachments.content-type.ts';

const ACTIVE = ['text/html', 'TEXT/HTML; charset=utf-8', 'image/svg+xml', 'application/xhtml+xml', 'application/xml', 'text/xml', 'application/javascript', 'text/javascript', 'application/rss+xml', 'multipart/related'];
const anyType = fc.oneof(
  fc.constantFrom(...ACTIVE, 'text/plain', 'text/csv', 'image/png', 'application/pdf', 'application/octet-stream', ''),
  fc.string({ maxLength: 40 }),
);
const bytes = fc.uint8Array({ maxLength: 64 });

describe('stored content type', () => {
  it('is never an active type, whatever the sniffer and the client say', () => {
    fc.assert(
      fc.property(fc.option(anyType, { nil: undefined }), fc.option(anyType, { nil: undefined }), bytes, (sniffed, declared, head) => {
        const type = decideContentType({ sniffed: sniffed || undefined, declared, head });
        expect(isActiveType(type)).toBe(false);
        expect(type).toBe(baseType(type));
      }),
    );
  });

  it('prefers the sniffed type, believes the client only for plain text that looks like text', () => {
    const text = new TextEncoder().encode('سلام, hello\n');
    expect(decideContentType({ sniffed: 'image/png', declared: 'text/html', head: text })).toBe('image/png');
    expect(decideContentType({ sniffed: 'application/xml', declared: 'image/svg+xml', head: text })).toBe(OCTET_STREAM);
    expect(decideContentType({ sniffed: undefined, declared: 'text/plain; charset=utf-8', head: text })).toBe('text/plain');
    expect(decideContentType({ sniffed: undefined, declared: 'text/csv', head: text })).toBe('text/csv');
    expect(decideContentType({ sniffed: undefined, declared: 'text/plain', head: Uint8Array.of(0x61, 0, 0x62) })).toBe(OCTET_STREAM);
    expect(decideContentType({ sniffed: undefined, declared: 'text/html', head: text })).toBe(OCTET_STREAM);
    expect(decideContentType({ sniffed: undefined, declared: 'application/pdf', head: text })).toBe(OCTET_STREAM);
    expect(decideContentType({ sniffed: undefined, declared: undefined, head: text })).toBe(OCTET_STREAM);
  });

  it('forgives a multi-byte character cut by the end of the sample, not invalid UTF-8', () => {
    const word = new TextEncoder().encode('چاپگر');
    expect(looksLikeText(word.subarray(0, word.length - 1))).toBe(true);
    expect(looksLikeText(Uint8Array.of(0x61, 0xc3, 0x28, 0x62))).toBe(false);
    expect(looksLikeText(Uint8Array.of(0xff, 0xfe, 0x61))).toBe(false);
  });

  it('keeps office documents (openxml) as sniffed', () => {
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(decideContentType({ sniffed: docx, declared: undefined, head: new Uint8Array() })).toBe(docx);
  });
});

describe('Content-Disposition', () => {
  const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~%]*$/;

  it('always an attachment: an ASCII fallback that cannot break out, and the exact name in filename*', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (name) => {
        const header = contentDisposition(name);
        const match = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(.*)$/.exec(header);
        expect(match).not.toBeNull();
        expect(match![1]).toMatch(/^[\x20-\x7e]+$/);
        expect(match![1]).not.toMatch(/["\\;%]/);
        expect(match![2]).toMatch(ATTR_CHAR);
        expect(decodeURIComponent(match![2]!)).toBe(downloadName(name));
        expect(header).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('encodes Persian names', () => {
    expect(contentDisposition('گزارش.pdf')).toBe(
      `attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('گزارش')}.pdf`,
    );
  });

  it('strips bidi controls from filename and filename*, so an extension cannot be disguised', () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    for (const c of controls) {
      const header = contentDisposition(`report${c}fdp.exe`);
      expect(header).toBe(`attachment; filename="reportfdp.exe"; filename*=UTF-8''reportfdp.exe`);
    }
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...controls), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 12 }), (parts) => {
        const decoded = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(contentDisposition(parts.join('')))![1]!);
        for (const c of controls) expect(decoded).not.toContain(c);
      }),
    );
  });

  it('replaces lone surrogates instead of failing', () => {
    expect(() => contentDisposition('a\uD800b')).not.toThrow();
  });
});
