import type { BenchSuite } from './types.ts';
import { ticketsSuite } from './tickets.ts';
import { slaSuite } from './sla.ts';

/** Every benchmark suite; later issues append theirs (search, sla, mail…). */
export const suites: BenchSuite[] = [ticketsSuite, slaSuite];
