/** The `number` parameter of GET /tickets as people write it: any digit script, `#` or the configured prefix. */
import { describe, it, expect } from 'vitest';
import { ticketFilters } from '../tickets.queries.ts';
import { ticketFilterFields } from './fields.ts';

const numberOf = (value: string, prefix?: string) => {
  const [first] = ticketFilters({ number: value }, ticketFilterFields, prefix);
  return (first as { all: { field: string; value?: unknown }[] }).all.find((c) => c.field === 'number')?.value;
};

describe('the number parameter', () => {
  it('takes digits in any script, with # or the configured prefix', () => {
    for (const v of ['10234', '#۱۰۲۳۴', '١٠٢٣٤', '\u200f#10234']) expect(numberOf(v), v).toBe(10234);
    expect(numberOf('PK-10234', 'PK-')).toBe(10234);
    expect(numberOf('pk-۱۰۲۳۴', 'PK-')).toBe(10234);
  });

  it('is a 400 naming the parameter when it is not a ticket number', () => {
    for (const v of ['12a', '0', 'PK-10234']) expect(() => numberOf(v), v).toThrow(expect.objectContaining({ code: 'request.invalid' }));
  });
});
