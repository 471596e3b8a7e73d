import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TextQuery, TextTerm } from '../types.ts';
import { expectedShare } from './postgres-term-shares.ts';

const term = (...alternatives: string[][]): TextTerm => ({ alternatives, prefix: false });
const query = (...must: TextTerm[]): TextQuery => ({ must, mustNot: [] });
const SHARES = new Map([['و', 0.87], ['تمدید', 0.1], ['صندوق', 0.09], ['پستی', 0.09]]);

describe('expectedShare: how common the statistics say a query is', () => {
  it('a listed word is its share; an unlisted word, a prefix, or no must term is rare (0)', () => {
    expect(expectedShare(query(term(['تمدید'])), SHARES)).toBe(0.1);
    expect(expectedShare(query(term(['تجریش'])), SHARES)).toBe(0);
    expect(expectedShare({ must: [{ alternatives: [['تمدید']], prefix: true }], mustNot: [] }, SHARES)).toBe(0);
    expect(expectedShare({ must: [], mustNot: [term(['و'])] }, SHARES)).toBe(0);
  });

  it('a phrase and separate words multiply; alternatives add up, at most 1', () => {
    expect(expectedShare(query(term(['صندوق', 'پستی'])), SHARES)).toBeCloseTo(0.0081);
    expect(expectedShare(query(term(['و']), term(['تمدید'])), SHARES)).toBeCloseTo(0.087);
    expect(expectedShare(query(term(['و'], ['تمدید'])), SHARES)).toBeCloseTo(0.97);
    expect(expectedShare(query(term(['و'], ['و'])), SHARES)).toBe(1);
    expect(expectedShare(query(term(['تمدید'], ['تجریش'])), SHARES)).toBe(0.1);
  });

  it('adding a must term never makes a query more common', () => {
    const word = fc.constantFrom('و', 'تمدید', 'صندوق', 'پستی', 'تجریش');
    const aTerm = fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }).map((alts) => term(...alts));
    fc.assert(
      fc.property(fc.array(aTerm, { minLength: 1, maxLength: 3 }), aTerm, (must, extra) => {
        const before = expectedShare(query(...must), SHARES);
        const after = expectedShare(query(...must, extra), SHARES);
        return after <= before && after >= 0 && before <= 1;
      }),
    );
  });
});
