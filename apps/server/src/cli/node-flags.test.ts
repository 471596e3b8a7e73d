import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './node-flags.ts';

const root = path.resolve(import.meta.dirname, '../../../..');
const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('how Node runs the server', () => {
  // Tests and benchmarks start the server with SERVER_NODE_FLAGS; what they measure must be what npm start runs.
  it.each(['start', 'pishkhan', 'demo'])('npm run %s runs main.ts with exactly the server flags and no loader', (name) => {
    const runs = [...scripts[name]!.matchAll(/node ((?:--\S+ )*)apps\/server\/src\/main\.ts/g)];
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run[1]!.trim().split(' ').filter(Boolean)).toEqual([...SERVER_NODE_FLAGS]);
  });
});
