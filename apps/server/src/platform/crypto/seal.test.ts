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
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - key.id.length - 2 }), (i) => {
        const pos = key.id.length + 1 + i;
        const flipped = sealed.slice(0, pos) + (sealed[pos] === 'A' ? 'B' : 'A') + sealed.slice(pos + 1);
        fc.pre(flipped !== sealed);
        expect(() => open([key], flipped, 'mailbox:1:password')).toThrow(SealError);
      }),
    );
  });

  it('derives the same key id from the same secret only', () => {
    expect(deriveKey('a-secret-that-is-long-enough-0123456789').id).toBe(key.id);
    expect(other.id).not.toBe(key.id);
  });
});
