import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The architecture's boundaries (DESIGN.md §3, ADR 0002), checked on the source itself.
const src = path.resolve(import.meta.dirname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

const sources = files(src).map((file) => ({ file: path.relative(src, file), text: readFileSync(file, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('architecture', () => {
  it('platform never imports from modules', () => {
    const offenders = sources.filter((s) => s.file.startsWith('platform/') && importsOf(s.text).some((i) => i.includes('/modules/')));
    expect(offenders.map((o) => o.file)).toEqual([]);
  });

  it('a module imports another module only through its index.ts', () => {
    const offenders: string[] = [];
    for (const s of sources.filter((x) => x.file.startsWith('modules/'))) {
      const own = s.file.split('/')[1];
      for (const spec of importsOf(s.text)) {
        const resolved = spec.startsWith('.') ? path.normalize(path.join(path.dirname(s.file), spec)) : spec;
        const target = /^modules\/([^/]+)\/(.+)$/.exec(resolved);
        if (target && target[1] !== own && target[2] !== 'index.ts' && !target[2]!.endsWith('.tables.ts')) offenders.push(`${s.file} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('a module touches only its own tables', () => {
    // Ownership from the *.tables.ts files: each top-level key of the interface is a table.
    const owner = new Map<string, string>();
    for (const s of sources.filter((x) => /^modules\/[^/]+\/[^/]+\.tables\.ts$/.test(x.file) || x.file === 'platform/db/tables.ts')) {
      const module = s.file.startsWith('modules/') ? s.file.split('/')[1]! : 'platform';
      for (const m of s.text.matchAll(/^  (\w+): \{/gm)) owner.set(m[1]!, module);
    }
    expect(owner.get('tickets')).toBe('tickets');
    expect(owner.get('agents')).toBe('people');
    expect(owner.get('users')).toBe('access');
    expect(owner.get('jobs')).toBe('platform');

    // Kysely calls naming a table: db.selectFrom('t'), eb.selectFrom('t as x'), innerJoin('t', …), selectFrom(['a', 'b']) …
    const call = /\b(?:selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|innerJoinLateral|leftJoinLateral)\(\s*(\[[^\]]*\]|'[^']*')/g;
    const offenders: string[] = [];
    // Test support (*.test-kit.ts) is test code, like *.test.ts: it may read any table.
    for (const s of sources.filter((x) => x.file.startsWith('modules/') && !x.file.endsWith('.test-kit.ts'))) {
      const own = s.file.split('/')[1]!;
      for (const m of s.text.matchAll(call)) {
        for (const literal of m[1]!.matchAll(/'([^']*)'/g)) {
          const table = literal[1]!.trim().split(/\s+as\s+/)[0]!;
          const tableOwner = owner.get(table);
          if (tableOwner !== undefined && tableOwner !== own) offenders.push(`${s.file}: ${table} (owned by ${tableOwner})`);
        }
      }
    }
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('branches on the database dialect only in dialect-named files', () => {
    const dialectCheck = /(dialect(\.name)?|\.name)\s*===?\s*'(sqlite|postgres)'|instanceof\s+(Sqlite|Postgres)Adapter/;
    // Choosing the driver from configuration (config/, db/database.ts) is not a branch in behaviour.
    const allowed = /(^|\/)(dialects|drivers)\/(sqlite|postgres|index|types)\.ts$|^platform\/config\/|^platform\/db\/database\.ts$/;
    const offenders = sources.filter((s) => dialectCheck.test(s.text) && !allowed.test(s.file));
    expect(offenders.map((o) => o.file)).toEqual([]);
  });
});
