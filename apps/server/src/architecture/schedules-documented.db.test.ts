import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

// ADR 0003 and docs/architecture.md list the recurring jobs by name; the list follows the code, so
// a schedule added (or removed) without its docs fails here.

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const DOCS = ['docs/adr/0003-jobs-and-outbox.md', 'docs/architecture.md'];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.destroy());

describe('the documented schedules', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('every schedule the installed modules declare is named in ADR 0003 and docs/architecture.md', () => {
    const names = t.contributions.flatMap((c) => (c.schedules ?? []).map((s) => s.name));
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const doc of DOCS) {
      const text = readFileSync(path.join(ROOT, doc), 'utf8');
      expect(names.filter((name) => !text.includes(`\`${name}\``)), doc).toEqual([]);
    }
  });
});
