import path from 'node:path';
import ts from 'typescript';
import { isTestCode, SRC_ROOT, syntaxOf, unwrap, walk, where, type Source } from './sources.ts';

// The command contract (platform/commands/command.ts, docs/architecture.md): one shape for every write use-case.

const COMMAND_FILE = /^modules\/[^/]+\/commands\/.+\.ts$/;

interface FoundCommand {
  source: Source;
  name: string;
  call: ts.CallExpression;
  run: ts.ArrowFunction | ts.FunctionExpression;
}

/**
 * Every file in `modules/<m>/commands/` is one use-case: it exports exactly one
 * `defineCommand('name', async (ctx, input) => …)` and no other function (rules, guards and loaders
 * live outside commands/), and the command's input has a property `actor` of type `Actor` — checked
 * with the compiler's types, so `input: CreateThingInput` counts only if that type names the actor.
 */
export function commandsHaveOneShape(sources: Source[]): string[] {
  const offenders: string[] = [];
  const found: FoundCommand[] = [];
  for (const source of sources.filter((s) => COMMAND_FILE.test(s.file) && !isTestCode(s.file))) {
    const commands: ts.CallExpression[] = [];
    for (const statement of syntaxOf(source).statements) {
      const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (ts.isVariableStatement(statement) && exported) {
        for (const declaration of statement.declarationList.declarations) {
          const init = declaration.initializer && unwrap(declaration.initializer);
          if (init && isDefineCommand(init)) commands.push(init);
          else if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init)))
            offenders.push(`${where(source, declaration)} exports ${declaration.name.getText()}, a function that is not a command`);
        }
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && exported) {
        offenders.push(`${where(source, statement)} exports ${statement.name?.text ?? 'default'}, a function that is not a command`);
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        const names = statement.exportClause && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements.filter((e) => !e.isTypeOnly) : null;
        if (names === null || names.length > 0) offenders.push(`${where(source, statement)} re-exports ${names ? names.map((e) => e.name.text).join(', ') : '*'} from commands/`);
      } else if (ts.isExportAssignment(statement)) {
        offenders.push(`${where(source, statement)} has a default export; a command is a named defineCommand`);
      }
    }
    if (commands.length !== 1) offenders.push(`${source.file} exports ${commands.length} defineCommand(…), not exactly one`);
    for (const call of commands) {
      const [name, body] = call.arguments;
      if (!name || !ts.isStringLiteralLike(name)) offenders.push(`${where(source, call)} names its command with something other than a string literal`);
      const run = body && unwrap(body);
      // (ctx, input), or (ctx, input, prepared) when the command prepares slow work (its third argument).
      const arity = call.arguments.length === 3 ? 3 : 2;
      if (!run || !(ts.isArrowFunction(run) || ts.isFunctionExpression(run)) || run.parameters.length !== arity) {
        offenders.push(`${where(source, call)} defineCommand's body is not a function of (ctx, input${arity === 3 ? ', prepared' : ''})`);
        continue;
      }
      found.push({ source, name: name && ts.isStringLiteralLike(name) ? name.text : '', call, run });
    }
  }

  const byName = new Map<string, string[]>();
  for (const c of found) if (c.name !== '') byName.set(c.name, [...(byName.get(c.name) ?? []), c.source.file]);
  for (const [name, files] of byName) if (files.length > 1) offenders.push(`command '${name}' is defined ${files.length} times: ${files.join(', ')}`);

  if (found.length > 0) offenders.push(...inputsWithoutActor(sources, found));
  return offenders;
}

/** The type half: a program over the sources (imports outside them, node_modules included, read from disk). */
function inputsWithoutActor(sources: Source[], found: FoundCommand[]): string[] {
  const actorFile = path.join(SRC_ROOT, 'platform/actor.ts');
  const program = programOver(sources, [...new Set(found.map((c) => path.join(SRC_ROOT, c.source.file))), actorFile]);
  const checker = program.getTypeChecker();
  const actorModule = checker.getSymbolAtLocation(program.getSourceFile(actorFile)!);
  const actorSymbol = actorModule && checker.getExportsOfModule(actorModule).find((s) => s.name === 'Actor');
  if (!actorSymbol) return [`${actorFile} exports no type Actor`];
  const actor = checker.getDeclaredTypeOfSymbol(actorSymbol);

  const offenders: string[] = [];
  for (const c of found) {
    // The tree the program parsed, not syntaxOf's: types belong to the program's own nodes.
    const tree = program.getSourceFile(path.join(SRC_ROOT, c.source.file))!;
    const run = findSame(tree, c.run);
    // The signature's parameter, not the node: it has a type for `{ actor, id }: Input` and for an unannotated `input` too.
    const input = run && checker.getSignatureFromDeclaration(run)?.parameters[1];
    if (!run || !input) continue;
    const type = checker.getTypeOfSymbolAtLocation(input, run);
    const property = checker.getPropertyOfType(checker.getApparentType(type), 'actor');
    if (!property) {
      offenders.push(`${where(c.source, c.call)} command '${c.name}': its input names no actor`);
      continue;
    }
    const actorType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, run));
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    if (optional || !checker.isTypeAssignableTo(actor, actorType) || !checker.isTypeAssignableTo(actorType, actor)) {
      const declared = property.valueDeclaration;
      const written = declared && (ts.isPropertySignature(declared) || ts.isPropertyDeclaration(declared)) ? declared.type?.getText() : undefined;
      offenders.push(`${where(c.source, c.call)} command '${c.name}': input.actor is ${optional ? 'optional ' : ''}${written ?? checker.typeToString(actorType)}, not Actor`);
    }
  }
  return offenders;
}

/** The node of `tree` at the same position as `node` (same text, so the same parse). */
function findSame<N extends ts.Node>(tree: ts.SourceFile, node: N): N | undefined {
  let hit: N | undefined;
  walk(tree, (n) => {
    if (!hit && n.kind === node.kind && n.pos === node.pos && n.end === node.end) hit = n as N;
  });
  return hit;
}

function isDefineCommand(node: ts.Expression): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (ts.isIdentifier(callee) && callee.text === 'defineCommand') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'defineCommand');
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

// Declaration files and untouched sources are the same on every call: parse them once per process.
const diskFiles = new Map<string, ts.SourceFile>();

function programOver(sources: Source[], roots: string[]): ts.Program {
  const virtual = new Map(sources.map((s) => [path.join(SRC_ROOT, s.file), s.text]));
  const dirs = new Set([...virtual.keys()].flatMap((f) => ancestors(path.dirname(f))));
  const host = ts.createCompilerHost(OPTIONS, true);
  const { fileExists, readFile, directoryExists, getSourceFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.directoryExists = (d) => dirs.has(d) || (directoryExists?.call(host, d) ?? true);
  host.getSourceFile = (f, language, onError, create) => {
    const text = virtual.get(f);
    const format = typeof language === 'object' ? String(language.impliedNodeFormat) : '';
    if (text !== undefined) {
      const key = `${f}\0${format}\0${text}`;
      return diskFiles.get(key) ?? diskFiles.set(key, ts.createSourceFile(f, text, language, true)).get(key);
    }
    const key = `${f}\0${format}`;
    const hit = diskFiles.get(key);
    if (hit) return hit;
    const file = getSourceFile.call(host, f, language, onError, create);
    if (file) diskFiles.set(key, file);
    return file;
  };
  return ts.createProgram(roots, OPTIONS, host);
}

function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) out.push(d);
  return out;
}

const TRANSACTION_OPENERS = new Set(['transaction', 'unitOfWork']);

/**
 * Routes never open a transaction: a command runs in its own (defineCommand), so a route neither
 * imports `transaction`/`unitOfWork` nor calls them, nor Kysely's `db.transaction()` / `startTransaction()`.
 */
export function routesOpenNoTransaction(sources: Source[]): string[] {
  const offenders: string[] = [];
  for (const source of sources.filter((s) => s.file.endsWith('.routes.ts') && !isTestCode(s.file))) {
    walk(syntaxOf(source), (node) => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
        const named = node.importClause?.namedBindings;
        if (named && ts.isNamedImports(named))
          for (const e of named.elements) {
            const imported = (e.propertyName ?? e.name).text;
            if (!e.isTypeOnly && TRANSACTION_OPENERS.has(imported)) offenders.push(`${where(source, e)} imports ${imported}`);
          }
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isIdentifier(callee) && TRANSACTION_OPENERS.has(callee.text)) offenders.push(`${where(source, node)} calls ${callee.text}(…)`);
        else if (ts.isPropertyAccessExpression(callee) && ['transaction', 'startTransaction'].includes(callee.name.text))
          offenders.push(`${where(source, node)} calls .${callee.name.text}()`);
      }
    });
  }
  return offenders;
}
