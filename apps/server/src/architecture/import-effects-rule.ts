import ts from 'typescript';
import { isTestCode, moduleOf, syntaxOf, unwrap, walk, where, type Source } from './sources.ts';

/** What a module file's top level may hold: imports, exports and declarations, which run nothing. */
const DECLARATIONS = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.EmptyStatement,
]);

/** Methods that change a collection in place, by the kind of value the binding holds. */
const MUTATORS = {
  array: new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'sort', 'reverse', 'fill', 'copyWithin']),
  collection: new Set(['set', 'add', 'delete', 'clear']),
  // Any other value (an object, a settings group): `group.set(db, …)` writes the database, not the value.
  other: new Set<string>(),
};
type Kind = keyof typeof MUTATORS;

/** What an exported binding holds, from its declaration: an array, a Map/Set, or something else. */
function kindOf(declaration: ts.VariableDeclaration): Kind {
  const type = declaration.type;
  if (type && (ts.isArrayTypeNode(type) || (ts.isTypeReferenceNode(type) && /^(Array|Map|Set|WeakMap|WeakSet)$/.test(type.typeName.getText()))))
    return ts.isArrayTypeNode(type) || type.typeName.getText() === 'Array' ? 'array' : 'collection';
  const init = declaration.initializer && unwrap(declaration.initializer);
  if (init && ts.isArrayLiteralExpression(init)) return 'array';
  if (init && ts.isNewExpression(init) && /^(Array|Map|Set|WeakMap|WeakSet)$/.test(init.expression.getText())) return init.expression.getText() === 'Array' ? 'array' : 'collection';
  return 'other';
}

/**
 * Importing a module contributes nothing: settings, views, jobs and seed modes reach the app only
 * through what `register*` returns. So a module file's top level runs no statement (a call such as
 * `declareSettings({…})` or `registerSeedMode(…)`, an `if`, a loop, `export default <call>`, and in a
 * declaration's initializer a `register…`/`declare…` call or an `await`), and no top-level binding a
 * module exports (`QUEUE_VIEWS`) is changed in place anywhere — a registry that another module
 * appends to on import — nor an exported `let` reassigned.
 */
export function importingContributesNothing(sources: Source[]): string[] {
  const offenders: string[] = [];
  const exported = new Map<string, Map<string, Kind>>();
  for (const source of sources.filter((s) => moduleOf(s.file) !== undefined && !isTestCode(s.file))) {
    for (const statement of syntaxOf(source).statements) {
      if (ts.isExportAssignment(statement) ? !ts.isIdentifier(statement.expression) : !DECLARATIONS.has(statement.kind)) {
        offenders.push(`${where(source, statement)} runs at import: ${statement.getText(syntaxOf(source)).split('\n')[0]!.slice(0, 80)}`);
      }
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (d.initializer) offenders.push(...runsInInitializer(source, d.initializer));
      }
      if (ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) exported.set(source.file, (exported.get(source.file) ?? new Map()).set(d.name.text, kindOf(d)));
      }
    }
  }
  const exportedKinds = new Map([...exported.values()].flatMap((names) => [...names]));
  for (const source of sources.filter((s) => !isTestCode(s.file))) {
    // The exported bindings this file can reach: its own, and those it imports by name (perhaps renamed).
    const local = new Map<string, string>([...(exported.get(source.file)?.keys() ?? [])].map((n) => [n, n]));
    for (const statement of syntaxOf(source).statements) {
      const named = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
      if (named && ts.isNamedImports(named))
        for (const e of named.elements) if (exportedKinds.has((e.propertyName ?? e.name).text)) local.set(e.name.text, (e.propertyName ?? e.name).text);
    }
    if (local.size === 0) continue;
    walk(syntaxOf(source), (node) => {
      const target = mutated(node, (name) => exportedKinds.get(local.get(name) ?? '') ?? 'other');
      if (target && local.has(target)) offenders.push(`${where(source, node)} changes the exported ${local.get(target)} in place`);
      // An exported `let` set from a function is a global too (importers cannot assign it, its own file can).
      if (ts.isBinaryExpression(node) && isAssignment(node) && ts.isIdentifier(node.left) && exported.get(source.file)?.has(node.left.text))
        offenders.push(`${where(source, node)} reassigns the exported ${node.left.text}`);
    });
  }
  return offenders;
}

/** The identifier a node changes in place: `X.push(…)` (an array), `X.set(…)` (a Map), `X[k] = …`, `X.p = …`, `Object.assign(X, …)`. */
function mutated(node: ts.Node, kind: (name: string) => Kind): string | undefined {
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const { expression: receiver, name } = node.expression;
    if (ts.isIdentifier(receiver) && MUTATORS[kind(receiver.text)].has(name.text)) return receiver.text;
    if (ts.isIdentifier(receiver) && receiver.text === 'Object' && name.text === 'assign' && node.arguments[0] && ts.isIdentifier(node.arguments[0])) return node.arguments[0].text;
  }
  if (ts.isBinaryExpression(node) && isAssignment(node)) {
    const left = node.left;
    if ((ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) && ts.isIdentifier(left.expression)) return left.expression.text;
  }
  return undefined;
}

function isAssignment(node: ts.BinaryExpression): boolean {
  return node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

const REGISTERING = /^(register|declare|install)[A-Z]/;

/**
 * What a top-level initializer runs at import that contributes: a `register…`/`declare…`/`install…`
 * call or an `await`. Function bodies in it run later, when called, and are not looked into.
 */
function runsInInitializer(source: Source, initializer: ts.Expression): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node)) out.push(`${where(source, node)} runs at import: await`);
    if (ts.isCallExpression(node)) {
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
      if (ts.isIdentifier(callee) && REGISTERING.test(callee.text)) out.push(`${where(source, node)} runs at import: ${callee.text}(…)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(initializer);
  return out;
}
