import type { AppContext } from '../context.ts';
import type { Contribution } from '../platform/modules.ts';
import { seedBench, type BenchOptions } from './bench.ts';
import { seedDemo } from './demo.ts';
import { SeededDatabaseError } from './guard.ts';

export { seedDemo, DEMO_PASSWORD, type DemoSummary } from './demo.ts';
export { seedBench, type BenchSummary } from './bench.ts';
export { SeededDatabaseError } from './guard.ts';
export { Generator } from './generator.ts';

/** A flag a seed mode cannot use (exit code 2, like the CLI's other bad input). */
class SeedInputError extends Error {}

/** Runs a seed mode, turning "already seeded" into a clear message and exit code 1, and a bad flag into one with exit code 2. */
async function refusing(print: (line: string) => void, run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return 0;
  } catch (error) {
    if (!(error instanceof SeededDatabaseError) && !(error instanceof SeedInputError)) throw error;
    print(error.message);
    return error instanceof SeedInputError ? 2 : 1;
  }
}

/**
 * The seed modes (`pishkhan seed --demo`, `pishkhan seed --bench --tickets N`): the composition
 * root lists this beside the modules. The seed writes through the modules' repositories and
 * commands, exported from their index.ts; it owns no table.
 */
export function seedContribution(print: (line: string) => void = (l) => console.error(l)): Contribution<AppContext> {
  return {
    module: 'seed',
    seedModes: [
      {
        name: 'demo',
        description: 'a believable Persian desk: 3 groups, 6 agents (every role), 2 organisations, 40 contacts, 300 tickets over three months',
        run: (ctx) =>
          refusing(print, async () => {
            const started = Date.now();
            const s = await seedDemo(ctx, { progress: print });
            print(`Demo desk ready: ${s.tickets} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
            print(`Sign in at ${ctx.config.publicUrl} with the password ${s.password}:`);
            for (const p of [...s.agents, ...s.contacts]) print(`  ${p.email.padEnd(36)} ${p.what}`);
            print('The admin created at first start (admin@localhost unless PISHKHAN_ADMIN_EMAIL) is unchanged.');
          }),
      },
      {
        name: 'bench',
        description: 'benchmark data: --tickets N (default 10000) with 1–8 articles, 50 agents, 10 groups, 2,000 organisations, 50,000 contacts, 3 years',
        run: (ctx, flags) =>
          refusing(print, async () => {
            const options: BenchOptions = { tickets: Number(flags.tickets ?? 10_000), progress: print };
            if (typeof flags.contacts === 'string') options.contacts = Number(flags.contacts);
            if (typeof flags.organizations === 'string') options.organizations = Number(flags.organizations);
            for (const [flag, value] of [['tickets', options.tickets], ['contacts', options.contacts ?? 1], ['organizations', options.organizations ?? 1]] as const) {
              if (!Number.isInteger(value) || value < 1) throw new SeedInputError(`--${flag} needs a positive whole number`);
            }
            const s = await seedBench(ctx, options);
            print(`Bench data ready: ${s.tickets} tickets, ${s.articles} articles, ${s.slaActions} SLA actions, ${s.escalations} escalations, ${s.contacts} contacts in ${(s.ms / 1000).toFixed(1)} s.`);
          }),
      },
    ],
  };
}
