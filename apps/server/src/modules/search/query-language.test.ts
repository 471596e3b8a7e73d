import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery, QUERY_FIELDS, QueryParseError, type QueryNode } from './query-language.ts';

const strip = (nodes: QueryNode[]) => nodes.map(({ at: _at, ...rest }) => rest);

describe('the search query language', () => {
  it('reads words, phrases, negation, prefixes, fields and numbers', () => {
    const q = parseQuery('چاپگر "قطع شده" -اسکنر vpn* status:open -tag:"شبکه داخلی" #۱۰۲۳۴ requester:ali@example.test');
    expect(strip(q.nodes)).toEqual([
      { kind: 'word', text: 'چاپگر', prefix: false, negated: false },
      { kind: 'phrase', text: 'قطع شده', negated: false },
      { kind: 'word', text: 'اسکنر', prefix: false, negated: true },
      { kind: 'word', text: 'vpn', prefix: true, negated: false },
      { kind: 'field', field: 'status', value: 'open', negated: false },
      { kind: 'field', field: 'tag', value: 'شبکه داخلی', negated: true },
      { kind: 'number', value: 10234, negated: false },
      { kind: 'field', field: 'requester', value: 'ali@example.test', negated: false },
    ]);
  });

  it('keeps an unknown field, a #word and a time as plain words', () => {
    expect(strip(parseQuery('http://x #vpn 10:30').nodes).map((n) => n.kind)).toEqual(['word', 'word', 'word']);
  });

  it.each([
    ['"باز نشده', 0, 'a quote is not closed'],
    ['چاپگر -', 6, 'a minus'],
    ['--vpn', 1, 'a second minus'],
    ['vp*n', 2, 'a star may only end a word'],
    ['*', 0, 'a star needs a word'],
    ['status:', 7, 'needs a value'],
    ['ab"c"', 2, 'a quote inside a word'],
    ['"ab"c', 4, 'a phrase must end'],
    ['""', 0, 'an empty phrase'],
  ])('refuses %j at %i', (input, position, reason) => {
    try {
      parseQuery(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QueryParseError);
      expect((error as QueryParseError).position).toBe(position);
      expect((error as QueryParseError).reason).toContain(reason);
    }
  });

  it('never throws anything but a QueryParseError, whose position lies within the input', () => {
    const alphabet = fc.constantFrom(...'ab چکی۱1-*":# \u200c\tstatus:#۱'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join(''))), (input) => {
        try {
          parseQuery(input);
        } catch (error) {
          if (!(error instanceof QueryParseError)) throw error;
          expect(error.position).toBeGreaterThanOrEqual(0);
          expect(error.position).toBeLessThanOrEqual(input.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  const letters = fc.constantFrom(...'abcxyzکتابیشودچاپگرABC0123۱۲۳'.split(''));
  const wordText = fc.array(letters, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const phraseText = fc.array(fc.oneof(letters, fc.constant(' ')), { minLength: 1, maxLength: 12 }).map((a) => a.join('')).filter((s) => s.trim() !== '');
  const node: fc.Arbitrary<Omit<QueryNode, 'at'>> = fc.oneof(
    fc.record({ kind: fc.constant('word' as const), text: wordText, prefix: fc.boolean(), negated: fc.boolean() }),
    fc.record({ kind: fc.constant('phrase' as const), text: phraseText, negated: fc.boolean() }),
    fc.record({ kind: fc.constant('field' as const), field: fc.constantFrom(...QUERY_FIELDS), value: phraseText, negated: fc.boolean() }),
    fc.record({ kind: fc.constant('number' as const), value: fc.integer({ min: 1, max: 10 ** 12 }), negated: fc.boolean() }),
  );

  it('round trips: a formatted query parses back to the same nodes', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 10 }), (nodes) => {
        const text = formatQuery({ nodes: nodes as QueryNode[] });
        expect(strip(parseQuery(text).nodes)).toEqual(nodes);
      }),
      { numRuns: 1000 },
    );
  });

  it('round trips the other way: parse, format, parse gives the same nodes', () => {
    const alphabet = fc.constantFrom(...'ab چک1-*"# :stag'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (input) => {
        let first;
        try {
          first = parseQuery(input);
        } catch {
          return;
        }
        expect(strip(parseQuery(formatQuery(first)).nodes)).toEqual(strip(first.nodes));
      }),
      { numRuns: 2000 },
    );
  });
});
