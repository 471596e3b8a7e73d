import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldReply } from './fold-quotes.ts';

/** Our own fixtures: the corpora have no Persian mail and few of today's clients. */
const CASES: Array<{ name: string; text: string; visible: string; foldedContains: string }> = [
  {
    name: 'Gmail (Persian UI): «در تاریخ … نوشت:»',
    text: 'سلام، مشکل هنوز هست.\n\nدر تاریخ سه‌شنبه ۱۲ دی ۱۴۰۲ ساعت ۱۰:۲۳، میز خدمت <support@desk.example> نوشت:\n\n> درخواست شما ثبت شد.\n> شماره: ۱۰۲۳۴\n',
    visible: 'سلام، مشکل هنوز هست.',
    foldedContains: 'درخواست شما ثبت شد',
  },
  {
    name: 'Gmail (Persian UI) with bidi marks and the header wrapped over two lines',
    text: 'ممنون، حل شد.\n\n\u200fدر تاریخ چهارشنبه ۱۳ دی ۱۴۰۲ ساعت ۹:۰۵،\n\u200fمیز خدمت <support@desk.example> نوشت:\n> متن قبلی\n',
    visible: 'ممنون، حل شد.',
    foldedContains: 'متن قبلی',
  },
  {
    name: 'Outlook (Persian): «از: … ارسال شده: …» block without quote marks',
    text: 'لطفاً پیگیری کنید.\n\n________________________________\nاز: میز خدمت <support@desk.example>\nارسال شده: سه‌شنبه، ۲ ژانویه ۲۰۲۴ ۱۰:۲۳\nبه: علی رضایی\nموضوع: [#10234] چاپگر\n\nدرخواست شما ثبت شد.\n',
    visible: 'لطفاً پیگیری کنید.',
    foldedContains: 'ارسال شده',
  },
  {
    name: 'Outlook (English): From/Sent block after a rule',
    text: 'Still broken.\r\n\r\n________________________________\r\nFrom: Service Desk <support@desk.example>\r\nSent: Tuesday, January 2, 2024 10:23 AM\r\nTo: Ali\r\nSubject: RE: [#10234] Printer\r\n\r\nYour request was received.\r\n',
    visible: 'Still broken.',
    foldedContains: 'Your request was received.',
  },
  {
    name: 'Thunderbird: "On DATE, NAME wrote:" and > quotes',
    text: 'Thanks, it works now.\n\nOn 1/2/24 10:23, Service Desk wrote:\n> Please restart the printer.\n',
    visible: 'Thanks, it works now.',
    foldedContains: 'restart the printer',
  },
  {
    name: 'Apple Mail: "On DATE, at TIME, NAME <EMAIL> wrote:" and the iPhone signature',
    text: 'Done.\n\nSent from my iPhone\n\nOn Jan 2, 2024, at 10:23, Service Desk <support@desk.example> wrote:\n\n> Please confirm.\n',
    visible: 'Done.',
    foldedContains: 'Sent from my iPhone',
  },
  {
    name: 'a signature after "-- " is folded, kept',
    text: 'The VPN drops every hour.\n\n-- \nAli Rezaei\nFinance\n',
    visible: 'The VPN drops every hour.',
    foldedContains: 'Ali Rezaei',
  },
  {
    name: 'mobile Persian signature «ارسال شده از …»',
    text: 'باشه، فردا می‌آیم.\nارسال شده از Samsung Galaxy\n',
    visible: 'باشه، فردا می‌آیم.',
    foldedContains: 'Samsung',
  },
];

describe('foldReply on our own fixtures', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const folded = foldReply(c.text);
      expect(folded.visible).toBe(c.visible);
      expect(folded.folded).toContain(c.foldedContains);
    });
  }

  it('a forward is not history: the forwarded message stays visible', () => {
    const text = 'FYI, see below.\n\n---------- Forwarded message ---------\nFrom: Vendor <v@vendor.example>\nDate: Tue, Jan 2, 2024\nSubject: Outage\n\nThe outage ends at 5.\n';
    expect(foldReply(text).visible).toContain('The outage ends at 5.');
  });

  it('keeps every line: visible and folded together hold all of the text (property)', () => {
    const line = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('> quoted', '-- ', 'On Mon, X wrote:', 'از: الف <a@b.c>', 'ارسال شده: دیروز', '', 'Sent from my iPhone'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const { visible, folded } = foldReply(text);
        const words = (s: string) => s.split(/\s+/).filter(Boolean).sort();
        const kept = words(`${visible}\n${folded}`);
        for (const w of words(text)) expect(kept).toContain(w);
      }),
    );
  });
});
