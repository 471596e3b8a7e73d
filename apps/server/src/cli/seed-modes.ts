import type { AppContext } from '../context.ts';

/** A seed mode (`pishkhan seed --<name>`): later issues add `demo` and `bench`. */
export interface SeedMode {
  name: string;
  description: string;
  run(ctx: AppContext, flags: Record<string, string | true>): Promise<void>;
}

const modes = new Map<string, SeedMode>();

export function registerSeedMode(mode: SeedMode): void {
  modes.set(mode.name, mode);
}

export function seedModes(): SeedMode[] {
  return [...modes.values()];
}
