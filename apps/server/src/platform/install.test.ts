import { describe, expect, it } from 'vitest';
import { installContributions } from './install.ts';
import type { Contribution } from './modules.ts';
import { defineSettings } from './settings/index.ts';
import type { EventBus } from './events/types.ts';
import type { Jobs } from './jobs/types.ts';
import { defineJob } from './jobs/define.ts';

/** Ports that record what was installed. */
function recordingPorts() {
  const log: string[] = [];
  const jobs = {
    define: (d: { name: string }) => void log.push(`define ${d.name}`),
    schedule: (s: { name: string }) => void log.push(`schedule ${s.name}`),
  } as unknown as Jobs;
  const events = { subscribe: (event: string, job: string) => void log.push(`subscribe ${event} ${job}`) } as unknown as EventBus;
  return { log, ports: { jobs, events } };
}

const sweep = defineJob('tickets.return_pending', { async handler() {} });
const assigned = defineJob('notifications.ticket_assigned', { async handler() {} });

describe('installContributions', () => {
  it('defines every job before it declares schedules and subscriptions, and collects settings and seed modes in order', () => {
    const { log, ports } = recordingPorts();
    const a = defineSettings({ 'a.one': 1 });
    const b = defineSettings({ 'b.two': 'x' });
    const seed = { name: 'demo', description: 'demo data', run: async () => {} };
    const installed = installContributions(ports, [
      { module: 'notifications', subscriptions: [{ event: 'ticket.assigned', job: 'notifications.ticket_assigned' }], settings: [a] },
      { module: 'tickets', jobs: [sweep, assigned], schedules: [{ name: 'sweep', job: 'tickets.return_pending', everyMs: 60_000 }], settings: [b], seedModes: [seed] },
    ]);
    expect(log).toEqual(['define tickets.return_pending', 'define notifications.ticket_assigned', 'schedule sweep', 'subscribe ticket.assigned notifications.ticket_assigned']);
    expect(installed.settings).toEqual([a, b]);
    expect(installed.seedModes).toEqual([seed]);
  });

  it.each<[string, Contribution[], RegExp]>([
    ['a job defined by two modules', [{ module: 'a', jobs: [sweep] }, { module: 'b', jobs: [sweep] }], /Job tickets\.return_pending is declared twice \(by a and by b\)/],
    [
      'a subscription to a job no module defines',
      [{ module: 'a', subscriptions: [{ event: 'ticket.assigned', job: 'notifications.ticket_assigned' }] }],
      /a subscribes job notifications\.ticket_assigned to ticket\.assigned, but no module defines that job/,
    ],
    [
      'two groups declaring the same setting key',
      [
        { module: 'a', settings: [defineSettings({ 'shared.key': 1 })] },
        { module: 'b', settings: [defineSettings({ 'shared.key': 2 })] },
      ],
      /Setting shared\.key is declared twice \(by a and by b\)/,
    ],
    [
      'a schedule of a job no module defines',
      [{ module: 'a', schedules: [{ name: 'sweep', job: 'tickets.return_pending', everyMs: 1000 }] }],
      /a's schedule sweep runs job tickets\.return_pending, but no module defines that job/,
    ],
    [
      'a schedule declared twice',
      [{ module: 'a', jobs: [sweep], schedules: [{ name: 's', job: 'tickets.return_pending', everyMs: 1 }] }, { module: 'b', schedules: [{ name: 's', job: 'tickets.return_pending', everyMs: 1 }] }],
      /Schedule s is declared twice/,
    ],
  ])('refuses to start with %s, before installing anything', (_, contributions, message) => {
    const { log, ports } = recordingPorts();
    expect(() => installContributions(ports, contributions)).toThrow(message);
    expect(log).toEqual([]);
  });
});
