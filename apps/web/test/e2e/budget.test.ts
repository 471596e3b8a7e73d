import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUDGETS, measure } from './budget.ts';

describe('bundle budget guard', () => {
  it('reports a first screen over its budget (incompressible fixture) and passes a small one', () => {
    const big = [{ url: '/assets/a.js', body: randomBytes(BUDGETS.portal + 1024) }];
    expect(measure(big, BUDGETS.portal).over).toBe(true);
    const small = [{ url: '/assets/b.js', body: Buffer.from('export const x = 1;'.repeat(100)) }];
    expect(measure(small, BUDGETS.portal).over).toBe(false);
    // A script fetched twice counts once.
    expect(measure([...small, ...small], BUDGETS.portal).files).toHaveLength(1);
  });
});
