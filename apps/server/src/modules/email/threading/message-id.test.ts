import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMessageId, messageIdDomain, parseMessageId, splitMessageIds, uniquePart } from './message-id.ts';

const token = fc.stringMatching(/^[0-9a-f]{32}$/);
const unique = fc.stringMatching(/^[0-9a-z-]{1,64}$/);
const domain = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z]{2,8}){0,2}$/);

describe('Message-ID format', () => {
  it('parses what it formats (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), token, unique, domain, (ticketId, tok, uniq, dom) => {
        const id = formatMessageId({ ticketId, token: tok, unique: uniq, domain: dom });
        expect(parseMessageId(id)).toEqual({ ticketId, token: tok, unique: uniq, domain: dom });
        // Mail systems may fold case and drop the brackets: still ours.
        expect(parseMessageId(id.toUpperCase().slice(1, -1))?.ticketId).toBe(ticketId);
      }),
    );
  });

  it('is not fooled by other ids', () => {
    for (const other of ['<CAF=abc@mail.gmail.com>', '<pk.12.short.x@a>', '<pk.0.' + 'a'.repeat(32) + '.x@a>', '<pk.12.' + 'g'.repeat(32) + '.x@a>', '', 'pk.12']) {
      expect(parseMessageId(other)).toBeNull();
    }
  });

  it('refuses to format a malformed part', () => {
    expect(() => formatMessageId({ ticketId: 0, token: 'a'.repeat(32), unique: 'x', domain: 'a' })).toThrow();
    expect(() => formatMessageId({ ticketId: 1, token: 'A'.repeat(32), unique: 'x', domain: 'a' })).toThrow();
    expect(() => formatMessageId({ ticketId: 1, token: 'a'.repeat(32), unique: 'x y', domain: 'a' })).toThrow();
  });

  it('splits References, unique parts and domains', () => {
    expect(splitMessageIds('<a@b> <c@d>\r\n <e@f>')).toEqual(['<a@b>', '<c@d>', '<e@f>']);
    expect(splitMessageIds(['<a@b>', '<c@d>'])).toEqual(['<a@b>', '<c@d>']);
    expect(splitMessageIds('a@b')).toEqual(['<a@b>']);
    expect(splitMessageIds(undefined)).toEqual([]);
    expect(uniquePart(42)).toMatch(/^42-[0-9a-f]{12}$/);
    expect(uniquePart()).not.toBe(uniquePart());
    expect(messageIdDomain('Support@Desk.Example')).toBe('desk.example');
  });
});
