import { CompiledQuery, type Compilable, type Kysely, type QueryResult, type UnknownRow } from 'kysely';
import { dialectOf } from './dialects/index.ts';
import type { DialectSupport, DirectStatement } from './dialects/types.ts';

/** What a prepared query's arguments may be: values bound as parameters, or lists of them (`in (…)`). */
type Argument = string | number | null | readonly (string | number)[];

/** Stands for argument `index` (or element `element` of a list argument) while the query is built once. */
class Slot {
  readonly index: number;
  readonly element: number;
  constructor(index: number, element: number) {
    this.index = index;
    this.element = element;
  }
}

/** Lists longer than this are built each call: a template per length of a long list would be kept for ever. */
const LONGEST_PREPARED_LIST = 100;

interface Template {
  sql: string;
  /** Per parameter of the SQL: the argument it binds, or a value the builder fixed (a constant). */
  parameters: unknown[];
  /** The driver's statement for `sql`, prepared at the first direct run (SQLite). */
  statement?: DirectStatement;
}

/** What a prepared query keeps per database (per Kysely adapter). */
interface PerDatabase {
  dialect: DialectSupport;
  byShape: Map<string, Template>;
}

/**
 * A hot query that Kysely builds and compiles once per shape (per dialect and per length of each
 * list argument) instead of on every call: building and compiling a small select costs more CPU
 * than SQLite takes to run it (a ticket read runs four). Later calls only bind their arguments.
 * `build` must depend on its arguments alone and pass each straight into the query as a value
 * (no arithmetic on them, no clock): it runs once with stand-ins whose places in the compiled
 * parameters are then filled per call.
 * Where the dialect offers it (SQLite, outside another caller's transaction) the statement runs on
 * the driver directly, past Kysely's executor (ADR 0036); the executor's plugins still see each result.
 */
export function preparedQuery<D, A extends readonly Argument[], O>(build: (db: Kysely<D>, ...args: A) => Compilable<O>): (db: Kysely<D>, ...args: A) => Promise<O[]> {
  const databases = new WeakMap<object, PerDatabase>();
  const perDatabase = (db: Kysely<D>): PerDatabase => {
    const adapter = db.getExecutor().adapter;
    let found = databases.get(adapter);
    if (!found) databases.set(adapter, (found = { dialect: dialectOf(db), byShape: new Map() }));
    return found;
  };
  const templateOf = ({ byShape }: PerDatabase, db: Kysely<D>, args: A): Template => {
    const shape = args.map((a) => (Array.isArray(a) ? a.length : '.')).join(',');
    let template = byShape.get(shape);
    if (!template) {
      const slots = args.map((a, index) => (Array.isArray(a) ? a.map((_, element) => new Slot(index, element)) : new Slot(index, -1)));
      const compiled = build(db, ...(slots as unknown as A)).compile();
      template = { sql: compiled.sql, parameters: [...compiled.parameters] };
      // Every stand-in must have become a parameter, or a call's argument would be silently ignored.
      const bound = new Set(template.parameters.filter((p) => p instanceof Slot));
      if (bound.size !== slots.flat().length) throw new Error(`preparedQuery: ${slots.flat().length - bound.size} argument(s) did not become parameters of ${compiled.sql}`);
      byShape.set(shape, template);
    }
    return template;
  };
  return async (db, ...args) => {
    if (args.some((a) => Array.isArray(a) && a.length > LONGEST_PREPARED_LIST)) return (await db.executeQuery<O>(build(db, ...args))).rows;
    const database = perDatabase(db);
    const template = templateOf(database, db, args);
    const parameters = template.parameters.map((p) => (p instanceof Slot ? (p.element < 0 ? args[p.index] : (args[p.index] as readonly unknown[])[p.element]) : p));
    const reader = database.dialect.directReader(db);
    if (reader) {
      const statement = (template.statement ??= reader.prepare(template.sql));
      if (statement.reader) return pluginsSee(db, { rows: statement.all(parameters) as O[] }, template.sql, parameters);
    }
    const result = await db.executeQuery<O>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  };
}

/** A direct run's result through the executor's plugins' transformResult, as executeQuery would pass it (none in the app; the bench counts statements with one). */
async function pluginsSee<O>(db: Kysely<any>, result: QueryResult<O>, sql: string, parameters: unknown[]): Promise<O[]> {
  const plugins = db.getExecutor().plugins;
  if (plugins.length === 0) return result.rows;
  const { queryId } = CompiledQuery.raw(sql, parameters);
  for (const plugin of plugins) result = (await plugin.transformResult({ result: result as QueryResult<UnknownRow>, queryId })) as QueryResult<O>;
  return result.rows;
}
