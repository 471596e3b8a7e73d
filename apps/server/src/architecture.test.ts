import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ARCHITECTURE_RULES, readFixture, readSources, tableOwners } from './architecture/rules.ts';

// The architecture's boundaries (DESIGN.md §3, ADR 0002) and the command contract (issue #5),
// checked on the source itself. Each rule is a pure function in architecture/; each is shown to
// catch what it forbids by a fixture (architecture/fixtures/*.ts.txt, made-up files that break it).
const sources = readSources();

type RuleName = keyof typeof ARCHITECTURE_RULES;

/** For each rule, the fixtures that break it and exactly what it reports on them. */
const BROKEN_BY: Record<RuleName, Record<string, unknown[]>> = {
  'platform never imports from modules': {
    'platform-imports-a-module.ts.txt': ['platform/jobs/ticket-aware.ts:2 → ../../modules/tickets/index.ts'],
  },
  'a module imports another module only through its index.ts': {
    'module-imports-another-modules-internals.ts.txt': ['modules/alpha/things.ts:3 → ../beta/beta.repository.ts'],
  },
  'a module touches only its own tables': {
    'module-touches-another-modules-table.ts.txt': ['modules/beta/beta.repository.ts: alphas (owned by alpha)'],
  },
  'branches on the database dialect only in dialect-named files': {
    'dialect-branch-outside-dialect-file.ts.txt': ['modules/alpha/search.ts'],
  },
  'every file in commands/ is one defineCommand whose input names the actor': {
    'command-without-actor.ts.txt': [
      "modules/alpha/commands/create-alpha.ts:4 command 'alpha.create': its input names no actor",
      "modules/alpha/commands/sign-alpha.ts:5 command 'alpha.sign': input.actor is UserActor, not Actor",
      "modules/alpha/commands/touch-alpha.ts:5 command 'alpha.touch': input.actor is optional Actor, not Actor",
      "modules/alpha/commands/drop-alpha.ts:4 command 'alpha.drop': its input names no actor",
    ],
    'plain-function-in-commands.ts.txt': [
      'modules/alpha/commands/close-alpha.ts:4 exports closeAlpha, a function that is not a command',
      'modules/alpha/commands/close-alpha.ts exports 0 defineCommand(…), not exactly one',
      'modules/alpha/commands/reopen-alpha.ts:7 exports refuseClosed, a function that is not a command',
      'modules/alpha/commands/lock-alpha.ts exports 2 defineCommand(…), not exactly one',
      'modules/alpha/commands/pin-alpha.ts:5 names its command with something other than a string literal',
    ],
  },
  'routes never open a transaction': {
    'route-opens-transaction.ts.txt': [
      'modules/alpha/alpha.routes.ts:1 imports transaction',
      'modules/alpha/alpha.routes.ts:7 calls transaction(…)',
      'modules/alpha/alpha.routes.ts:8 calls .transaction()',
    ],
  },
  'SQL lives only in repositories': {
    'sql-outside-repository.ts.txt': [
      'modules/alpha/alpha.routes.ts:5 selectFrom, execute',
      'modules/alpha/alpha.policy.ts:4 selectFrom',
      'modules/alpha/alpha.queries.ts:3 sql`…`',
      'modules/alpha/alpha.queries.ts:4 sql.raw',
    ],
  },
  'modules import each other without a cycle': {
    'modules-import-each-other.ts.txt': ['alpha → beta (modules/alpha/index.ts:2) → alpha (modules/beta/index.ts:1)'],
  },
  'importing a module contributes nothing': {
    'module-contributes-on-import.ts.txt': [
      "modules/alpha/alpha.settings.ts:3 runs at import: declareSettings({ 'alpha.limit': 10 });",
      'modules/alpha/alpha.settings.ts:7 runs at import: declareSettings(…)',
      "modules/alpha/index.ts:10 runs at import: registerSeedMode('alpha-demo', async () => {});",
      "modules/beta/index.ts:3 runs at import: VIEWS.push({ name: 'beta_breaching' });",
      'modules/alpha/alpha.settings.ts:12 reassigns the exported current',
      'modules/beta/index.ts:3 changes the exported ALPHA_VIEWS in place',
      'modules/beta/index.ts:6 changes the exported ALPHA_VIEWS in place',
    ],
  },
};

describe('architecture', () => {
  for (const [name, rule] of Object.entries(ARCHITECTURE_RULES)) {
    describe(name, () => {
      it('holds on the sources', () => {
        expect(rule(sources)).toEqual([]);
      });
      for (const [fixture, offenders] of Object.entries(BROKEN_BY[name as RuleName])) {
        it(`is broken by fixtures/${fixture}`, () => {
          expect(rule(readFixture(fixture))).toEqual(offenders);
        });
      }
    });
  }

  it('every rule has a fixture that breaks it, and every fixture is used', () => {
    const used = Object.values(BROKEN_BY).flatMap((f) => Object.keys(f));
    for (const fixtures of Object.values(BROKEN_BY)) expect(Object.keys(fixtures).length).toBeGreaterThan(0);
    expect(used.sort()).toEqual(readdirSync(path.join(import.meta.dirname, 'architecture/fixtures')).sort());
  });

  it('table ownership is read from the *.tables.ts files', () => {
    const owner = tableOwners(sources);
    expect(owner.get('tickets')).toBe('tickets');
    expect(owner.get('agents')).toBe('people');
    expect(owner.get('users')).toBe('access');
    expect(owner.get('jobs')).toBe('platform');
  });

  describe('importing every module contributes nothing before register* runs', () => {
    const indexes = readdirSync(path.join(import.meta.dirname, 'modules')).map((m) => `./modules/${m}/index.ts`);

    it('the platform keeps no global registry of settings', async () => {
      const settings = await import('./platform/settings/index.ts');
      expect(Object.keys(settings)).not.toContain('declareSettings');
    });

    it("no module's exported list, map or set grows when the other modules load", async () => {
      // Each module alone (with what it imports), then all of them: a module that appends to another's
      // list on import (QUEUE_VIEWS.push, a settings registry) shows as a size that differs.
      const alone = new Map<string, number>();
      for (const index of indexes) {
        vi.resetModules();
        for (const [key, size] of sizesOf(index, await import(index))) alone.set(key, size);
      }
      vi.resetModules();
      const loaded = await Promise.all(indexes.map(async (index) => [index, await import(index)] as const));
      const together = new Map(loaded.flatMap(([index, exports]) => sizesOf(index, exports)));
      expect(together).toEqual(alone);
    });
  });
});

/** `module#export` → size, for every exported array, Map or Set of a module's index.ts. */
function sizesOf(index: string, exports: Record<string, unknown>): Array<[string, number]> {
  return Object.entries(exports).flatMap(([name, value]): Array<[string, number]> => {
    if (Array.isArray(value)) return [[`${index}#${name}`, value.length]];
    if (value instanceof Map || value instanceof Set) return [[`${index}#${name}`, value.size]];
    return [];
  });
}
