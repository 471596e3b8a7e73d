import type { EventBus } from './events/types.ts';
import type { Jobs } from './jobs/types.ts';
import type { Contribution, SeedMode } from './modules.ts';
import type { SettingsGroup } from './settings/index.ts';

/** What installing the contributions leaves for bootstrap and the CLI. */
export interface Installed<Ctx> {
  /** Every module's settings groups, for bootstrap's first-start defaults. */
  settings: SettingsGroup<any>[];
  /** Every module's seed modes, for `pishkhan seed --<mode>`. */
  seedModes: SeedMode<Ctx>[];
}

/**
 * Installs every module's contributions in one place (app.ts calls it once, after every
 * `register*`): defines the jobs, declares the schedules, subscribes the jobs to their events,
 * and collects settings and seed modes. Refuses to start, naming the modules, when a job, a
 * schedule, a seed mode or a setting key is declared twice, or when a subscription or a schedule
 * names a job no module defines.
 */
export function installContributions<Ctx>(ports: { jobs: Jobs; events: EventBus }, contributions: ReadonlyArray<Contribution<Ctx>>): Installed<Ctx> {
  const owners = {
    job: new Map<string, string>(),
    schedule: new Map<string, string>(),
    setting: new Map<string, string>(),
    seedMode: new Map<string, string>(),
  };
  const claim = (kind: keyof typeof owners, name: string, module: string) => {
    const first = owners[kind].get(name);
    if (first !== undefined) throw new Error(`${kindLabel[kind]} ${name} is declared twice (by ${first} and by ${module})`);
    owners[kind].set(name, module);
  };
  for (const c of contributions) {
    for (const job of c.jobs ?? []) claim('job', job.name, c.module);
    for (const schedule of c.schedules ?? []) claim('schedule', schedule.name, c.module);
    for (const group of c.settings ?? []) for (const key of Object.keys(group.defaults)) claim('setting', key, c.module);
    for (const mode of c.seedModes ?? []) claim('seedMode', mode.name, c.module);
  }
  for (const c of contributions) {
    for (const s of c.subscriptions ?? []) {
      if (!owners.job.has(s.job)) throw new Error(`${c.module} subscribes job ${s.job} to ${s.event}, but no module defines that job`);
    }
    for (const s of c.schedules ?? []) {
      if (!owners.job.has(s.job)) throw new Error(`${c.module}'s schedule ${s.name} runs job ${s.job}, but no module defines that job`);
    }
  }
  for (const c of contributions) for (const job of c.jobs ?? []) ports.jobs.define(job);
  for (const c of contributions) for (const schedule of c.schedules ?? []) ports.jobs.schedule(schedule);
  for (const c of contributions) for (const s of c.subscriptions ?? []) ports.events.subscribe(s.event, s.job, { when: s.when as never, inline: s.inline === true });
  return {
    settings: contributions.flatMap((c) => c.settings ?? []),
    seedModes: contributions.flatMap((c) => c.seedModes ?? []),
  };
}

const kindLabel = { job: 'Job', schedule: 'Schedule', setting: 'Setting', seedMode: 'Seed mode' } as const;
