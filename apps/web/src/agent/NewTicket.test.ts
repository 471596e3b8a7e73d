import { describe, expect, it } from 'vitest';
import { contactLookup } from './NewTicket.tsx';

describe('the caller finder', () => {
  it('reads phones in any digits, emails, and otherwise names', () => {
    expect(contactLookup('۰۹۱۲ ۱۲۳ ۴۵۶۷')).toEqual({ phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷' });
    expect(contactLookup('+98 912 123 4567')).toEqual({ phone: '+98 912 123 4567' });
    expect(contactLookup('ali@example.ir')).toEqual({ email: 'ali@example.ir' });
    expect(contactLookup('علی رضایی')).toEqual({ name: 'علی رضایی' });
    expect(contactLookup('  ')).toEqual({});
  });
});
