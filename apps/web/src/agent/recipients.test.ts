import { describe, expect, it } from 'vitest';
import { defaultRecipients, isAddress, splitAddresses } from './recipients.ts';

describe('composer recipients', () => {
  it('takes addresses by the server’s rule, with names, bidi marks and duplicates handled', () => {
    expect(splitAddresses('Sara <sara@example.ir>, ali@example.ir; \u200fALI@example.ir\u200f', [])).toEqual({ add: ['sara@example.ir', 'ali@example.ir'], invalid: [] });
    expect(splitAddresses('not-an-address, x@1.2.3.4, ok@شرکت.ایران', ['Ok@شرکت.ایران'])).toEqual({ add: [], invalid: ['not-an-address', 'x@1.2.3.4'] });
    expect(isAddress('admin@localhost')).toBe(true);
    expect(isAddress('a b@example.ir')).toBe(false);
  });

  it('defaults to the requester in To and the Cc’d contacts in Cc, not repeating anyone', () => {
    expect(defaultRecipients(['req@example.ir', 'other@example.ir'], [['cc1@example.ir'], [], ['REQ@example.ir'], ['cc1@example.ir']])).toEqual({ to: ['req@example.ir'], cc: ['cc1@example.ir'] });
    expect(defaultRecipients(null, [])).toEqual({ to: [], cc: [] });
  });
});
