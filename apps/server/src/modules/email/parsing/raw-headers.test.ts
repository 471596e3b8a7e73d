import { describe, expect, it } from 'vitest';
import { decodeWords } from './raw-headers.ts';

describe('decodeWords', () => {
  it('decodes RFC 2047 words; adjacent words join without the space between them', () => {
    expect(decodeWords('=?UTF-8?B?2LPZhNin2YU=?= =?UTF-8?Q?_=D8=AF=D9=86=DB=8C=D8=A7?=')).toBe('سلام دنیا');
    expect(decodeWords('plain text')).toBe('plain text');
  });

  it('a Q word with white space inside it (invalid, folded by old Exchange) keeps that white space, tabs included', () => {
    expect(decodeWords('Benachrichtung  \tzum  \t=?unicode-1-1-utf-7?Q?+ANw-bermittlungsstatus  \t(Fehlgeschlagen)?=')).toBe('Benachrichtung  \tzum  \t+ANw-bermittlungsstatus  \t(Fehlgeschlagen)');
    expect(decodeWords('=?UTF-8?Q?f=C3=BCr \tdich?=')).toBe('für \tdich');
  });
});
