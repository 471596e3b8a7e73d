import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_MATRIX, isValidMatrix, priorityOf, type Level, type PriorityMatrix } from './priority.ts';

const level = fc.constantFrom<Level>(1, 2, 3);

describe('priority matrix', () => {
  it('is DESIGN.md’s default: H = 1 2 3, M = 2 3 4, L = 3 4 4', () => {
    const table = ([1, 2, 3] as Level[]).map((impact) => ([1, 2, 3] as Level[]).map((urgency) => priorityOf(DEFAULT_PRIORITY_MATRIX, impact, urgency)));
    expect(table).toEqual([
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 4],
    ]);
  });

  it('higher impact or urgency never gives a lower priority (default matrix)', () => {
    fc.assert(
      fc.property(level, level, level, level, (i1, u1, i2, u2) => {
        fc.pre(i1 <= i2 && u1 <= u2);
        // Lower numbers are higher: impact/urgency 1 = high, priority 1 = critical.
        expect(priorityOf(DEFAULT_PRIORITY_MATRIX, i1, u1)).toBeLessThanOrEqual(priorityOf(DEFAULT_PRIORITY_MATRIX, i2, u2));
      }),
    );
  });

  it('reads any valid matrix cell by cell', () => {
    const matrix = fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(matrix, level, level, (m, impact, urgency) => {
        expect(isValidMatrix(m)).toBe(true);
        expect(priorityOf(m as unknown as PriorityMatrix, impact, urgency)).toBe(m[impact - 1]![urgency - 1]);
      }),
    );
  });

  it('accepts only 3×3 of integers 1..4', () => {
    expect(isValidMatrix(DEFAULT_PRIORITY_MATRIX)).toBe(true);
    for (const bad of [null, [], [[1, 2, 3]], [[1, 2, 3], [2, 3, 4], [3, 4]], [[1, 2, 3], [2, 3, 4], [3, 4, 5]], [[0, 2, 3], [2, 3, 4], [3, 4, 4]], [[1.5, 2, 3], [2, 3, 4], [3, 4, 4]], 'x']) {
      expect(isValidMatrix(bad), JSON.stringify(bad)).toBe(false);
    }
    fc.assert(
      fc.property(fc.anything(), (v) => {
        if (isValidMatrix(v)) expect(v.flat().every((p) => [1, 2, 3, 4].includes(p))).toBe(true);
      }),
    );
  });
});
