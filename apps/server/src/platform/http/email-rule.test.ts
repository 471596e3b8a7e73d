import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EmailAddress, SignInBody, CreateAgentBody } from '@pishkhan/contracts';
import { EMAIL_ADDRESS_PATTERN, isEmailAddress } from '@pishkhan/text';
import { Ajv } from 'ajv';

// One address rule everywhere: the contracts' schema (what every route and the CLI validate
// against) carries the same pattern as packages/text's isEmailAddress, and they agree.

describe('the one email address rule', () => {
  it('the schema pattern is the text package pattern', () => {
    expect((EmailAddress as { pattern?: string }).pattern).toBe(EMAIL_ADDRESS_PATTERN);
  });

  it('sign-in and agents use the same schema', () => {
    expect((SignInBody.properties.email as { pattern?: string }).pattern).toBe(EMAIL_ADDRESS_PATTERN);
    expect((CreateAgentBody.properties.email as { pattern?: string }).pattern).toBe(EMAIL_ADDRESS_PATTERN);
  });

  it('the schema as the server validates it (Ajv) agrees with isEmailAddress', () => {
    const check = new Ajv({ strict: false }).compile(EmailAddress);
    const samples = ['html"<x>@example.test', 'علی@مثال.ایران', 'a@b.ir', 'a@1.2.3.4', ' a@b.ir ', 'a..b@x.ir'];
    for (const s of samples) expect(check(s), s).toBe(isEmailAddress(s));
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'ب', '.', '@', '-', '"', ' ', '1', '<'), maxLength: 16 }), (s) => check(s) === isEmailAddress(s)));
  });
});
