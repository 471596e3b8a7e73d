import type { EventName } from '@pishkhan/contracts';
import type { JobDefinition, ScheduleDefinition } from './jobs/types.ts';
import type { SettingsGroup } from './settings/index.ts';

/** A seed mode (`pishkhan seed --<name>`), contributed by the module whose data it makes. */
export interface SeedMode<Ctx = unknown> {
  name: string;
  description: string;
  run(ctx: Ctx, flags: Record<string, string | true>): Promise<void>;
}

/**
 * What a module's `register*` returns: everything it contributes besides its routes. `app.ts`
 * collects these in one readable list and installs them (jobs defined, schedules declared, events
 * subscribed, settings written at first start, seed modes offered by the CLI). Importing a module
 * contributes nothing: there is no global registry to mutate.
 */
export interface Contribution<Ctx = unknown> {
  module: string;
  settings?: ReadonlyArray<SettingsGroup<any>>;
  jobs?: ReadonlyArray<JobDefinition<any, any>>;
  schedules?: ReadonlyArray<ScheduleDefinition>;
  /** Each event → job pair enqueues the job for every dispatched event (the job must be among `jobs` of some module). */
  subscriptions?: ReadonlyArray<{ event: EventName; job: string }>;
  seedModes?: ReadonlyArray<SeedMode<Ctx>>;
}
