import type { JobMap } from '@pishkhan/contracts';
import type { SubscriptionOf } from './events/types.ts';
import type { JobDefinitionOf, ScheduleDefinition } from './jobs/types.ts';
import type { SettingsGroup } from './settings/index.ts';

/** A seed mode (`pishkhan seed --<name>`), contributed by the module whose data it makes. */
export interface SeedMode<Ctx = unknown> {
  name: string;
  description: string;
  /** Resolves to the exit code (void: 0); a mode that refuses says why and returns non-zero. */
  run(ctx: Ctx, flags: Record<string, string | true>): Promise<void | number>;
}

/**
 * What a module's `register*` returns: everything it contributes besides its routes. `app.ts`
 * collects these in one readable list and installs them (installContributions in install.ts:
 * jobs defined, schedules declared, events subscribed, settings written at first start, seed
 * modes offered by the CLI). Importing a module contributes nothing: there is no global registry
 * to mutate. Job names, payloads and subscriptions are typed from contracts' JobMap.
 */
export interface Contribution<Ctx = unknown> {
  module: string;
  settings?: ReadonlyArray<SettingsGroup<any>>;
  jobs?: ReadonlyArray<JobDefinitionOf<JobMap>>;
  schedules?: ReadonlyArray<ScheduleDefinition<JobMap>>;
  /** Each event → job pair enqueues the job for every dispatched event (the job must be among `jobs` of some module). */
  subscriptions?: ReadonlyArray<SubscriptionOf<JobMap>>;
  seedModes?: ReadonlyArray<SeedMode<Ctx>>;
}
