export { openDatabase, type Database } from './database.ts';
export { transaction, afterCommit } from './transaction.ts';
export { inSavepoint, TransactionLost } from './savepoint.ts';
export { groupedTransaction, groupCommitStats, GROUP_COMMIT_LIMITS } from './group-commit.ts';
export { nextCounterValue, reserveCounterValues } from './counters.ts';
export { dialectOf, isUniqueViolation, type DialectSupport, type DialectName } from './dialects/index.ts';
export { migrateTo, migrateToLatest, listMigrations } from './migrator.ts';
export { updateAtVersion, expectVersion } from './versioned.ts';
export type { PlatformTables } from './tables.ts';
