import { importsOf } from './imports.ts';
import { isTestCode, moduleOf, type Source } from './sources.ts';

// The boundaries of DESIGN.md §3 and ADR 0002: who may import whom, who owns which table, where the dialect may show.

/** The platform is infrastructure for every module, so it never imports from one. */
export function platformImportsNoModule(sources: Source[]): string[] {
  return sources
    .filter((s) => s.file.startsWith('platform/'))
    .flatMap((s) =>
      importsOf(s)
        .filter((i) => i.target.startsWith('modules/') || i.spec.includes('/modules/'))
        .map((i) => `${s.file}:${i.line} → ${i.spec}`),
    );
}

/** A module imports another module only through its index.ts (its public face) or its *.tables.ts (row types). */
export function modulesMeetThroughIndex(sources: Source[]): string[] {
  const offenders: string[] = [];
  for (const s of sources) {
    const own = moduleOf(s.file);
    if (own === undefined) continue;
    for (const i of importsOf(s)) {
      const target = /^modules\/([^/]+)\/(.+)$/.exec(i.target);
      if (target && target[1] !== own && target[2] !== 'index.ts' && !target[2]!.endsWith('.tables.ts')) offenders.push(`${s.file}:${i.line} → ${i.spec}`);
    }
  }
  return offenders;
}

/** Who owns each table: the module whose *.tables.ts (or platform/db/tables.ts) names it as a top-level key. */
export function tableOwners(sources: Source[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const s of sources.filter((x) => /^modules\/[^/]+\/[^/]+\.tables\.ts$/.test(x.file) || x.file === 'platform/db/tables.ts')) {
    const module = moduleOf(s.file) ?? 'platform';
    for (const m of s.text.matchAll(/^  (\w+): \{/gm)) owner.set(m[1]!, module);
  }
  return owner;
}

// Kysely calls naming a table: db.selectFrom('t'), eb.selectFrom('t as x'), innerJoin('t', …), selectFrom(['a', 'b']) …
const TABLE_CALL =
  /\b(?:selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|innerJoinLateral|leftJoinLateral)\(\s*(\[[^\]]*\]|'[^']*')/g;

/** A module reads and writes only its own tables; another module's data comes through that module's index.ts. */
export function modulesTouchOwnTables(sources: Source[]): string[] {
  const owner = tableOwners(sources);
  const offenders = new Set<string>();
  // Test support (*.test-kit.ts) is test code, like *.test.ts: it may read any table.
  for (const s of sources.filter((x) => moduleOf(x.file) !== undefined && !isTestCode(x.file))) {
    const own = moduleOf(s.file)!;
    for (const m of s.text.matchAll(TABLE_CALL)) {
      for (const literal of m[1]!.matchAll(/'([^']*)'/g)) {
        const table = literal[1]!.trim().split(/\s+as\s+/)[0]!;
        const tableOwner = owner.get(table);
        if (tableOwner !== undefined && tableOwner !== own) offenders.add(`${s.file}: ${table} (owned by ${tableOwner})`);
      }
    }
  }
  return [...offenders];
}

const DIALECT_CHECK = /(dialect(\.name)?|\.name)\s*===?\s*'(sqlite|postgres)'|instanceof\s+(Sqlite|Postgres)Adapter/;
// Choosing the driver from configuration (config/, db/database.ts) is not a branch in behaviour.
const DIALECT_FILE = /(^|\/)(dialects|drivers)\/(sqlite|postgres|index|types)\.ts$|^platform\/config\/|^platform\/db\/database\.ts$/;

/** Behaviour differs per database only in dialect-named files (platform/db/dialects/…, …/drivers/…). */
export function dialectBranchesInDialectFiles(sources: Source[]): string[] {
  return sources.filter((s) => DIALECT_CHECK.test(s.text) && !DIALECT_FILE.test(s.file)).map((s) => s.file);
}

/**
 * Modules form no import cycle: the graph has an edge A → B when a file of A imports a file of B
 * at load time (`import type` and dynamic `import()` excluded). Each cycle is named with its path
 * and, for every edge, the first file that makes it.
 */
export function noModuleCycle(sources: Source[]): string[] {
  const edges = new Map<string, Map<string, string>>();
  for (const s of sources) {
    const from = moduleOf(s.file);
    if (from === undefined || isTestCode(s.file)) continue;
    for (const i of importsOf(s)) {
      const to = moduleOf(i.target);
      if (to === undefined || to === from || i.typeOnly || i.dynamic) continue;
      const out = edges.get(from) ?? edges.set(from, new Map()).get(from)!;
      if (!out.has(to)) out.set(to, `${s.file}:${i.line}`);
    }
  }
  return stronglyConnected(edges)
    .filter((component) => component.length > 1)
    .map((component) => {
      const cycle = shortestCycle(edges, component);
      return cycle.map((m, k) => (k === 0 ? m : `→ ${m} (${edges.get(cycle[k - 1]!)!.get(m)})`)).join(' ');
    });
}

/** Tarjan's strongly connected components, each sorted, in a stable order. */
function stronglyConnected(edges: Map<string, Map<string, string>>): string[][] {
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((e) => [...e.keys()])])].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(edges.get(v)?.keys() ?? [])].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The shortest cycle through the component's first module, found breadth first inside the component: [a, b, …, a]. */
function shortestCycle(edges: Map<string, Map<string, string>>, component: string[]): string[] {
  const start = component[0]!;
  const inside = new Set(component);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...(edges.get(v)?.keys() ?? [])].sort()) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path: string[] = [];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u)) path.unshift(u);
        return [start, ...path, start];
      }
      if (!previous.has(w) && w !== start) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}
