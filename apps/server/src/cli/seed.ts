import type { AppContext } from '../context.ts';
import type { SeedMode } from '../platform/modules.ts';
import { EXIT_BAD_INPUT } from './usage.ts';

/**
 * `pishkhan seed --<mode>`: runs the seed mode the flags name, from the modes the modules
 * contributed (app.ts collects them; there is no registry to add to). Without a known mode it
 * prints the list, or says that none is installed, and exits 2 (bad input).
 */
export async function seedCommand(
  ctx: AppContext,
  modes: ReadonlyArray<SeedMode<AppContext>>,
  flags: Record<string, string | true>,
  print: (line: string) => void = console.error,
): Promise<number> {
  const mode = modes.find((m) => flags[m.name]);
  if (!mode) {
    const list = modes.map((m) => `  --${m.name}  ${m.description}`).join('\n');
    print(`seed needs a mode:\n${list || '  (no seed modes are installed yet)'}`);
    return EXIT_BAD_INPUT;
  }
  const code = await mode.run(ctx, flags);
  return typeof code === 'number' ? code : 0;
}
