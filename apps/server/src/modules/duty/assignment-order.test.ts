import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentOrder, type Candidate } from './assignment-order.ts';

const candidates = fc.uniqueArray(fc.record({ agentId: fc.integer({ min: 1, max: 60 }), openTickets: fc.integer({ min: 0, max: 9 }) }), {
  selector: (c) => c.agentId,
  minLength: 1,
  maxLength: 12,
});
const mode = fc.constantFrom('round_robin' as const, 'least_loaded' as const);

describe('assignmentOrder', () => {
  it('orders exactly the candidates, each once', () => {
    fc.assert(
      fc.property(mode, candidates, fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }), (m, cs, last) => {
        expect([...assignmentOrder(m, cs, last)].sort((a, b) => a - b)).toEqual(cs.map((c) => c.agentId).sort((a, b) => a - b));
      }),
    );
  });

  it('round-robin starts after the last one given a ticket, wrapping', () => {
    const cs: Candidate[] = [3, 7, 9].map((agentId) => ({ agentId, openTickets: 0 }));
    expect(assignmentOrder('round_robin', cs, null)).toEqual([3, 7, 9]);
    expect(assignmentOrder('round_robin', cs, 3)).toEqual([7, 9, 3]);
    expect(assignmentOrder('round_robin', cs, 5)).toEqual([7, 9, 3]);
    expect(assignmentOrder('round_robin', cs, 9)).toEqual([3, 7, 9]);
  });

  it('round-robin over many tickets gives every member an equal share, within one', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 1, max: 100 }), (cs, tickets) => {
        const given = new Map<number, number>();
        let last: number | null = null;
        for (let i = 0; i < tickets; i++) {
          last = assignmentOrder('round_robin', cs, last)[0]!;
          given.set(last, (given.get(last) ?? 0) + 1);
        }
        const counts = cs.map((c) => given.get(c.agentId) ?? 0);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('least-loaded tries the fewest open tickets first, and equal loads take turns', () => {
    fc.assert(
      fc.property(candidates, fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }), (cs, last) => {
        const order = assignmentOrder('least_loaded', cs, last);
        const load = new Map(cs.map((c) => [c.agentId, c.openTickets]));
        for (let i = 1; i < order.length; i++) expect(load.get(order[i - 1]!)!).toBeLessThanOrEqual(load.get(order[i]!)!);
      }),
    );
    const even: Candidate[] = [1, 2, 3].map((agentId) => ({ agentId, openTickets: 2 }));
    expect(assignmentOrder('least_loaded', even, 1)[0]).toBe(2);
  });
});
