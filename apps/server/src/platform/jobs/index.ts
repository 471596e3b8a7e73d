// Placeholder until the leased jobs runner lands: runs nothing.
import type { Jobs } from './types.ts';
export type { Jobs, JobDefinition, JobContext, EnqueueOptions, ScheduleDefinition } from './types.ts';

export function createJobs(_deps: unknown): Jobs {
  return {
    define() {},
    async enqueue() {},
    schedule() {},
    start() {},
    async stop() {},
    async drain() {
      return 0;
    },
  };
}
