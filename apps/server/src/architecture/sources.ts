import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One source file as the rules see it: its path relative to apps/server/src ('/'-separated) and its text. */
export interface Source {
  file: string;
  text: string;
}

/** apps/server/src: every Source path is relative to it, and the command rule's compiler resolves imports from it. */
export const SRC_ROOT = path.resolve(import.meta.dirname, '..');

/** The server's own sources: every `.ts` file under apps/server/src except tests (fixtures end in `.ts.txt`). */
export function readSources(root: string = SRC_ROOT): Source[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
    });
  return walk(root).map((full) => ({ file: path.relative(root, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') }));
}

/**
 * A fixture: several made-up source files in one `fixtures/<what-it-breaks>.ts.txt`, each starting
 * at a line `// @file <path relative to apps/server/src>`. Lines before the first marker describe the fixture.
 */
export function readFixture(name: string): Source[] {
  const text = readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
  const out: Source[] = [];
  for (const part of text.split(/^\/\/ @file /m).slice(1)) {
    const newline = part.indexOf('\n');
    out.push({ file: part.slice(0, newline).trim(), text: part.slice(newline + 1) });
  }
  if (out.length === 0) throw new Error(`Fixture ${name} has no "// @file" section`);
  return out;
}

/** Test files and test support (`*.test-kit.ts`, `*.test-support.ts`) may do what production code may not. */
export function isTestCode(file: string): boolean {
  return /\.test\.ts$|\.test-kit\.ts$|\.test-support\.ts$/.test(file);
}

/** The module a file belongs to (`modules/<name>/…`), or undefined outside modules/. */
export function moduleOf(file: string): string | undefined {
  return /^modules\/([^/]+)\//.exec(file)?.[1];
}

// Parsing is the costly part of a rule; sources are immutable values, so one parse per text serves every rule.
const parsed = new Map<string, ts.SourceFile>();

/** The syntax tree of a source (no type information; see command-rule.ts for the one rule that needs types). */
export function syntaxOf(source: Source): ts.SourceFile {
  const key = `${source.file}\0${source.text}`;
  let tree = parsed.get(key);
  if (!tree) parsed.set(key, (tree = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.ES2023, true, ts.ScriptKind.TS)));
  return tree;
}

/** `file:line` of a node, the way every rule names an offender. */
export function where(source: Source, node: ts.Node): string {
  const tree = syntaxOf(source);
  return `${source.file}:${tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1}`;
}

/** Every node under `root`, depth first. */
export function walk(root: ts.Node, visit: (node: ts.Node) => void): void {
  const go = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, go);
  };
  ts.forEachChild(root, go);
}

/** An expression without the parentheses, `as`, `satisfies` and `!` around it. */
export function unwrap(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node))
    node = node.expression;
  return node;
}
