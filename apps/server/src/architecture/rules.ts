import {
  dialectBranchesInDialectFiles,
  modulesMeetThroughIndex,
  modulesTouchOwnTables,
  noModuleCycle,
  platformImportsNoModule,
} from './boundary-rules.ts';
import { commandsHaveOneShape, routesOpenNoTransaction } from './command-rules.ts';
import { importingContributesNothing } from './import-effects-rule.ts';
import { sqlOnlyInRepositories } from './sql-rule.ts';
import type { Source } from './sources.ts';

/** A rule of the architecture: a pure function from the sources to its offenders (empty when it holds). */
export type Rule = (sources: Source[]) => string[];

/**
 * Every rule the architecture test checks (DESIGN.md §3, ADR 0002, issue #5), each named as the
 * test names it. architecture.test.ts runs each on the real sources and on fixtures that break it.
 */
export const ARCHITECTURE_RULES = {
  'platform never imports from modules': platformImportsNoModule,
  'a module imports another module only through its index.ts': modulesMeetThroughIndex,
  'a module touches only its own tables': modulesTouchOwnTables,
  'branches on the database dialect only in dialect-named files': dialectBranchesInDialectFiles,
  'every file in commands/ is one defineCommand whose input names the actor': commandsHaveOneShape,
  'routes never open a transaction': routesOpenNoTransaction,
  'SQL lives only in repositories': sqlOnlyInRepositories,
  'modules import each other without a cycle': noModuleCycle,
  'importing a module contributes nothing': importingContributesNothing,
} satisfies Record<string, Rule>;

export { tableOwners } from './boundary-rules.ts';
export { readFixture, readSources, type Source } from './sources.ts';
