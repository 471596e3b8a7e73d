// Test helper (not exported): locates ../shared/corpus beside the repository and reports it missing
// the way the other corpus tests do (a failure under CI=true, a skip with a message locally).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The parsed corpus file, or null after registering the missing-corpus test. */
export function loadCorpus<T>(...parts: string[]): T | null {
  const file = path.join(root, '..', 'shared', 'corpus', ...parts);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const why = `corpus not found at ${file}`;
  if (process.env.CI === 'true') {
    it(`${parts.join('/')} is present (required when CI=true)`, () => expect.fail(why));
  } else {
    console.warn(`${why}; skipping its checks (they are required when CI=true)`);
    it.skip(`${why}; skipped outside CI`, () => {});
  }
  return null;
}
