import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

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
}

/**
 * A hot query that Kysely builds and compiles once per shape (per dialect and per length of each
 * list argument) instead of on every call: building and compiling a small select costs more CPU
 * than SQLite takes to run it (a ticket read runs four). Later calls only bind their arguments.
 * `build` must depend on its arguments alone and pass each straight into the query as a value
 * (no arithmetic on them, no clock): it runs once with stand-ins whose places in the compiled
 * parameters are then filled per call.
 */
export function preparedQuery<D, A extends readonly Argument[], O>(build: (db: Kysely<D>, ...args: A) => Compilable<O>): (db: Kysely<D>, ...args: A) => Promise<O[]> {
  const templates = new WeakMap<object, Map<string, Template>>();
  const templateOf = (db: Kysely<D>, args: A): Template => {
    const adapter = db.getExecutor().adapter;
    const byShape = templates.get(adapter) ?? templates.set(adapter, new Map()).get(adapter)!;
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
    const template = templateOf(db, args);
    const parameters = template.parameters.map((p) => (p instanceof Slot ? (p.element < 0 ? args[p.index] : (args[p.index] as readonly unknown[])[p.element]) : p));
    const result = await db.executeQuery<O>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  };
}
