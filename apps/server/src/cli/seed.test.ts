import { describe, expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { seedCommand } from './seed.ts';

const ctx = {} as AppContext;

describe('pishkhan seed', () => {
  it('says that no seed mode is installed when no module contributes one', async () => {
    const lines: string[] = [];
    expect(await seedCommand(ctx, [], { demo: true }, (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toMatch(/seed needs a mode:\n {2}\(no seed modes are installed yet\)/);
  });

  it('runs the contributed mode the flags name, and lists the modes otherwise', async () => {
    const ran: Array<Record<string, string | true>> = [];
    const modes = [{ name: 'demo', description: 'a demo desk', run: async (_: AppContext, flags: Record<string, string | true>) => void ran.push(flags) }];
    const lines: string[] = [];
    expect(await seedCommand(ctx, modes, { bench: true }, (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual(['seed needs a mode:\n  --demo  a demo desk']);
    expect(await seedCommand(ctx, modes, { demo: true, size: '10' })).toBe(0);
    expect(ran).toEqual([{ demo: true, size: '10' }]);
  });
});
