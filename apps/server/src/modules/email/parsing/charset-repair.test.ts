import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseMail } from './parse-mail.ts';

const mail = (head: string, body: Buffer) => Buffer.concat([Buffer.from(`From: a@example.test\r\nSubject: s\r\nMessage-ID: <x@example.test>\r\n${head}\r\n`), body, Buffer.from('\r\n')]);

describe('bodies whose bytes are not their declared charset', () => {
  it('8-bit bytes in a part labelled UTF-8 or us-ascii read as Latin-1, not U+FFFD', async () => {
    const body = Buffer.from('Caf\xe9 cr\xe8me', 'latin1');
    for (const charset of ['utf-8', 'us-ascii']) {
      const parsed = await parseMail(mail(`Content-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n`, body));
      expect(parsed.text.trim()).toBe('Café crème');
    }
  });

  it('unlabelled GB text reads as Chinese; valid UTF-8 and declared windows-1256 are untouched', async () => {
    expect((await parseMail(mail('', iconv.encode('机房环境法规', 'gb18030')))).text.trim()).toBe('机房环境法规');
    expect((await parseMail(mail('Content-Type: text/plain; charset=utf-8\r\n', Buffer.from('سلام، چاپگر')))).text.trim()).toBe('سلام، چاپگر');
    expect((await parseMail(mail('Content-Type: text/plain; charset=windows-1256\r\n', iconv.encode('رايانه روشن نمي‌شود', 'windows-1256')))).text.trim()).toBe('رايانه روشن نمي‌شود');
  });
});
