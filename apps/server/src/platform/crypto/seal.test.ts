import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveKey, open, seal, SealError } from './index.ts';

const key = deriveKey('a-secret-that-is-long-enough-0123456789');
const other = deriveKey('another-secret-that-is-long-enough-987654');

describe('seal/open', () => {
  it('round-trips any text, prefixed with the key id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (text, context) => {
        const sealed = seal(key, text, context);
        expect(sealed.startsWith(`${key.id}.`)).toBe(true);
        expect(open([other, key], sealed, context)).toBe(text);
      }),
    );
  });

  it('never produces the same ciphertext twice', () => {
    expect(seal(key, 'رمز صندوق پست')).not.toBe(seal(key, 'رمز صندوق پست'));
  });

  it('refuses a wrong key, a wrong context and any tampering', () => {
    const sealed = seal(key, 'mailbox password', 'mailbox:1:password');
    expect(() => open([other], sealed, 'mailbox:1:password')).toThrow(SealError);
    expect(() => open([key], sealed, 'mailbox:2:password')).toThrow(SealError);
    // Flip one bit of the decoded bytes (flipping a base64 character may only touch padding bits).
    const [kid, body] = sealed.split('.') as [string, string];
    const bytes = Buffer.from(body, 'base64url');
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 7 }), (i, bit) => {
        const tampered = Buffer.from(bytes);
        tampered[i] = tampered[i]! ^ (1 << bit);
        expect(() => open([key], `${kid}.${tampered.toString('base64url')}`, 'mailbox:1:password')).toThrow(SealError);
      }),
    );
  });

  it('derives the same key id from the same secret only', () => {
    expect(deriveKey('a-secret-that-is-long-enough-0123456789').id).toBe(key.id);
    expect(other.id).not.toBe(key.id);
  });
});
