import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const guard = path.join(root, 'scripts/require-node.mjs');

describe('Node.js version guard', () => {
  it('lets this Node (>= 22.18) through', () => {
    expect(spawnSync(process.execPath, [guard]).status).toBe(0);
  });

  // The machine's own Node 20 (end of life) is what a developer meets without scripts/node-env.sh.
  const old = ['/usr/bin/node', '/bin/node'].find(
    (p) => existsSync(p) && Number(spawnSync(p, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim()) < 22,
  );
  it.skipIf(!old)('refuses an old Node and names the fix', () => {
    const run = spawnSync(old!, [guard], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('22.18');
    expect(run.stderr).toContain('scripts/node-env.sh');
  });
});
