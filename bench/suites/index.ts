import type { BenchSuite } from './types.ts';
import { apiSuite } from './api.ts';
import { queuesSuite } from './queues.ts';
import { searchSuite } from './search.ts';
import { slaSuite } from './sla.ts';
import { emailSuite } from './email.ts';
import { jobsSuite } from './jobs.ts';
import { readCpuSuite } from './read-cpu.ts';
import { soakSuite } from './soak.ts';

/** Every benchmark suite (`api` replaced the foundation's `tickets`); later issues append theirs. */
export const suites: BenchSuite[] = [apiSuite, queuesSuite, searchSuite, slaSuite, emailSuite, jobsSuite, soakSuite, readCpuSuite];
