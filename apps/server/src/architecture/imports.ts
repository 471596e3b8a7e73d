import path from 'node:path';
import ts from 'typescript';
import { syntaxOf, type Source } from './sources.ts';

/** One import or re-export of a source file. */
export interface ImportOf {
  /** The specifier as written ('../people/index.ts', 'kysely'). */
  spec: string;
  /** For a relative specifier: the target relative to apps/server/src ('modules/people/index.ts'); else the specifier. */
  target: string;
  /** `import type …` / `export type … from`: erased at runtime, so it cannot take part in a load cycle. */
  typeOnly: boolean;
  /** `import('…')`: loaded when called, not when the importer loads. */
  dynamic: boolean;
  line: number;
}

/** The static imports, re-exports and dynamic imports of a source, with relative targets resolved. */
export function importsOf(source: Source): ImportOf[] {
  const tree = syntaxOf(source);
  const out: ImportOf[] = [];
  const add = (literal: ts.Expression, typeOnly: boolean, dynamic: boolean) => {
    if (!ts.isStringLiteralLike(literal)) return;
    const spec = literal.text;
    const target = spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(source.file), spec)) : spec;
    out.push({ spec, target, typeOnly, dynamic, line: tree.getLineAndCharacterOfPosition(literal.getStart(tree)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false, false);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, node.isTypeOnly, false);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) add(node.arguments[0], false, true);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return out;
}
