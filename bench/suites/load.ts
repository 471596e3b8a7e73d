import autocannon from 'autocannon';
import type { LoadFigures } from './types.ts';

/** One autocannon run against a loopback URL; returns the figures every HTTP suite reports. */
export async function load(options: autocannon.Options): Promise<LoadFigures> {
  const result = await autocannon({ connections: 16, ...options });
  return {
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
