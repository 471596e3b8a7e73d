import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveKey, open, resealed, seal, SealError } from './index.ts';

const oldKey = deriveKey('the-old-secret-0123456789abcdef0123456789');
const newKey = deriveKey('the-new-secret-9876543210fedcba9876543210');

describe('resealed', () => {
  it('moves a value to the current key with the same text and context, and leaves a current one alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (text, context) => {
        const before = seal(oldKey, text, context);
        const after = resealed([newKey, oldKey], before, context)!;
        expect(after.startsWith(`${newKey.id}.`)).toBe(true);
        expect(open([newKey], after, context)).toBe(text);
        expect(() => open([oldKey], after, context)).toThrow(SealError);
        expect(resealed([newKey, oldKey], after, context)).toBeNull();
      }),
    );
  });

  it('refuses a value no key opens, or one bound to another context', () => {
    const sealed = seal(oldKey, 'mailbox password', 'mailbox:1:imap_password');
    expect(() => resealed([newKey], sealed, 'mailbox:1:imap_password')).toThrow(SealError);
    expect(() => resealed([newKey, oldKey], sealed, 'mailbox:2:imap_password')).toThrow(SealError);
  });
});
