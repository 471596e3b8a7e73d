import type { Kysely } from 'kysely';
import { dialectOf } from '../db/index.ts';

/**
 * Tables a backup leaves out: the migrator's own (the target migrates itself to the archive's
 * schema version), SQLite's internals, and the search index, which is derived from the records
 * and differs by dialect (FTS5 / tsvector): restore rebuilds it.
 */
const LEFT_OUT = /^(schema_migrations|sqlite_|search_)/;

export interface BackupTable {
  name: string;
  columns: string[];
  /** Columns that reference the table itself (loaded in a second step, so row order never matters). */
  selfReferences: string[];
  /** Whether the table has an `id` column: read in id order, and its identity reset on restore. */
  hasId: boolean;
}

/**
 * The tables to back up, each after every table it references (the order the migrations create
 * them in), ties by name, so both dialects list them alike and a restore never breaks a foreign key.
 */
export async function backupTables(db: Kysely<any>): Promise<BackupTable[]> {
  const found = (await db.introspection.getTables()).filter((t) => !t.isView && (t.schema === undefined || t.schema === 'public') && !LEFT_OUT.test(t.name));
  const names = new Set(found.map((t) => t.name));
  const keys = (await dialectOf(db).foreignKeys(db)).filter((k) => names.has(k.table) && names.has(k.references));
  const dependsOn = new Map(found.map((t) => [t.name, new Set(keys.filter((k) => k.table === t.name && k.references !== t.name).map((k) => k.references))]));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < found.length) {
    const ready = [...dependsOn].filter(([name, deps]) => !placed.has(name) && [...deps].every((d) => placed.has(d))).map(([name]) => name).sort();
    if (!ready.length) throw new Error(`Foreign keys form a cycle among ${[...names].filter((n) => !placed.has(n)).join(', ')}`);
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
  }
  const byName = new Map(found.map((t) => [t.name, t]));
  return ordered.map((name) => {
    const columns = byName.get(name)!.columns.map((c) => c.name);
    return {
      name,
      columns,
      selfReferences: keys.filter((k) => k.table === name && k.references === name).map((k) => k.column),
      hasId: columns.includes('id'),
    };
  });
}
