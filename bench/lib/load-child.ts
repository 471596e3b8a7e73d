// The load generator's own process: `node --import tsx bench/lib/load-child.ts <options.json>`.
// Runs one autocannon run (GET paths drawn at random when `paths` is given) and prints its figures
// as one JSON line, so that autocannon never shares a CPU thread with the server it measures.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  duration: number;
  connections: number;
  /** Paths to GET at random (reads over many tickets). */
  paths?: string[];
  /** Paths to POST `body` to at random (replies over many tickets). */
  postPaths?: string[];
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)]!;
const options: autocannon.Options = {
  url: spec.url,
  connections: spec.connections,
  duration: spec.duration,
  headers: spec.headers ?? {},
  ...(spec.method ? { method: spec.method } : {}),
  ...(spec.body ? { body: spec.body } : {}),
};
if (spec.paths) options.requests = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: pick(spec.paths!) }) }];
if (spec.postPaths) options.requests = [{ method: 'POST', body: spec.body!, setupRequest: (req) => ({ ...req, path: pick(spec.postPaths!) }) }];
const result = await autocannon(options);
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    seconds: result.duration,
  }) + '\n',
);
