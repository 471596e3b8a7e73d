import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { toPersianDigits } from './digits.ts';
import { parseTicketNumber } from './ticket-number.ts';

describe('parseTicketNumber', () => {
  it('reads every way people write a number', () => {
    for (const s of ['10234', '#10234', '#۱۰۲۳۴', '۱۰۲۳۴', '١٠٢٣٤', ' # 10234 ', '\u200f#۱۰۲۳۴\u200f', '010234']) {
      expect(parseTicketNumber(s), s).toBe(10234);
    }
  });

  it('reads the configured prefix form, in any case and digit script', () => {
    const prefix = { prefix: 'PK-' };
    for (const s of ['PK-10234', 'pk-۱۰۲۳۴', 'PK- 10234', '#10234', '10234']) expect(parseTicketNumber(s, prefix), s).toBe(10234);
    expect(parseTicketNumber('تیکت-۱۰۲۳۴', { prefix: 'تيكت-' })).toBe(10234);
    expect(parseTicketNumber('PK-10234')).toBeNull();
    expect(parseTicketNumber('XY-10234', prefix)).toBeNull();
  });

  it('is null for what is not a ticket number', () => {
    for (const s of ['', '#', '0', '#0', '-5', '12a', '1.5', '1 2', '۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶', 'abc', '##12', 'PK-']) {
      expect(parseTicketNumber(s, { prefix: 'PK-' }), s).toBeNull();
    }
  });

  it('reads back every number in every written form', () => {
    const forms = (n: number) => [String(n), `#${n}`, toPersianDigits(`#${n}`), String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0x660 + Number(d))), `REQ-${n}`];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).filter((n) => String(n).length <= 15), (n) => {
        for (const s of forms(n)) expect(parseTicketNumber(s, { prefix: 'req-' })).toBe(n);
      }),
    );
  });
});
