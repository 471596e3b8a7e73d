import ts from 'typescript';
import { isTestCode, moduleOf, syntaxOf, walk, where, type Source } from './sources.ts';

/** Kysely methods that start, join or run a statement. `eb(…)`, `eb.and`, `eb.ref` … build expressions and are allowed. */
const STATEMENT_METHODS = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'execute',
  'executeTakeFirst',
  'executeTakeFirstOrThrow',
  'stream',
]);
const JOIN = /^(inner|left|right|full|cross)Join(Lateral)?$/;

/**
 * SQL lives only in `*.repository.ts` files (and the platform, which is infrastructure): in
 * modules/, a statement (`selectFrom`, `eb.selectFrom` as a subquery too, `insertInto`, a join,
 * `.execute()`), a `` sql`…` `` template or a `sql.raw(…)` helper appears nowhere else. Policies
 * and filters compose expressions (`eb(…)`) and take subqueries from their module's repository.
 */
export function sqlOnlyInRepositories(sources: Source[]): string[] {
  // One offender per line, naming its calls: `db.selectFrom('t')….execute()` is one statement.
  const offenders = new Map<string, string[]>();
  const add = (at: string, what: string) => offenders.set(at, [...(offenders.get(at) ?? []), what]);
  for (const source of sources.filter((s) => moduleOf(s.file) !== undefined && !s.file.endsWith('.repository.ts') && !isTestCode(s.file))) {
    walk(syntaxOf(source), (node) => {
      if (ts.isTaggedTemplateExpression(node) && isSql(node.tag)) add(where(source, node), 'sql`…`');
      else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const { expression: receiver, name } = node.expression;
        if (isSql(receiver)) add(where(source, node), `sql.${name.text}`);
        else if (STATEMENT_METHODS.has(name.text) || JOIN.test(name.text)) add(where(source, node), name.text);
      }
    });
  }
  return [...offenders].map(([at, calls]) => `${at} ${[...new Set(calls)].reverse().join(', ')}`);
}

/** The `sql` tag of Kysely, also as `sql<T>` and `sql.raw`'s receiver. */
function isSql(node: ts.Node): boolean {
  return ts.isIdentifier(node) && node.text === 'sql';
}
