// npm test: pure, web (component + e2e) and database tests on SQLite, then the database tests again on PostgreSQL.
// Prints totals per dialect and ends with exactly "N passed, N failed, N skipped".
// Under CI=true: any skipped test fails the run, and so does a PostgreSQL pass with fewer
// database tests than the SQLite pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const CI = process.env.CI === 'true';
const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.test-output');
const extra = process.argv.slice(2);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const PG_URL = process.env.PISHKHAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function vitest(label, projects, env) {
  const file = path.join(out, `${label}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...extra];
  console.log(`\n=== ${label}: vitest ${projects.join(' + ')} ===`);
  // A hung pass must fail the run, not eat CI's 90 minutes: each pass gets 20 minutes (about 10× its time).
  const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, timeout: 20 * 60_000, killSignal: 'SIGKILL' });
  if (r.error) console.log(`FAIL: ${label} pass did not finish: ${r.error.message}`);
  try {
    return { report: JSON.parse(readFileSync(file, 'utf8')), status: r.status };
  } catch {
    return { report: null, status: r.status ?? 1 };
  }
}

function count(report, filter = () => true) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const file of report?.testResults ?? []) {
    if (!filter(file.name)) continue;
    for (const t of file.assertionResults) {
      if (t.status === 'passed') totals.passed++;
      else if (t.status === 'failed') totals.failed++;
      else totals.skipped++;
    }
    // A file that failed to load has no assertions but is still a failure.
    if (file.status === 'failed' && file.assertionResults.length === 0) totals.failed++;
  }
  return totals;
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    console.log(`PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, '//***@')} is not reachable: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// The type check is a test too: tsx strips types, so without it a type error would never fail CI.
console.log('\n=== typecheck: tsc -b (project references) ===');
const tsc = spawnSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit', timeout: 10 * 60_000 });
const typecheck = { passed: tsc.status === 0 ? 1 : 0, failed: tsc.status === 0 ? 0 : 1, skipped: 0 };

const isDb = (name) => name.endsWith('.db.test.ts');
// The web app's component tests (happy-dom) ride the SQLite pass; its real-browser tests (on SQLite)
// are a pass of their own, so that a slow machine cannot push the SQLite pass past its time limit.
const sqlite = vitest('sqlite', ['unit', 'web', 'db'], { PISHKHAN_TEST_DIALECT: 'sqlite' });
const e2e = vitest('e2e', ['e2e'], { PISHKHAN_TEST_DIALECT: 'sqlite' });
const unitTotals = count(sqlite.report, (n) => !isDb(n));
const e2eTotals = count(e2e.report);
for (const k of ['passed', 'failed', 'skipped']) unitTotals[k] += e2eTotals[k];
unitTotals.passed += typecheck.passed;
unitTotals.failed += typecheck.failed;
const sqliteDb = count(sqlite.report, isDb);

let postgresDb = { passed: 0, failed: 0, skipped: 0 };
let problems = [];
if (sqlite.report === null) problems.push('the SQLite pass produced no report');
// Vitest also fails a run for unhandled errors, which its JSON report does not count as tests.
const exitedBadly = (run, totals, label) => run.status !== 0 && totals.failed === 0 && problems.push(`the ${label} pass exited with ${run.status ?? 'a signal'} (see its output)`);
exitedBadly(sqlite, { failed: unitTotals.failed - typecheck.failed - e2eTotals.failed + sqliteDb.failed }, 'SQLite');
if (e2e.report === null) problems.push('the e2e pass produced no report');
exitedBadly(e2e, e2eTotals, 'e2e');
if (await postgresReachable()) {
  const pgRun = vitest('postgres', ['db'], { PISHKHAN_TEST_DIALECT: 'postgres', PISHKHAN_TEST_PG_URL: PG_URL });
  if (pgRun.report === null) problems.push('the PostgreSQL pass produced no report');
  postgresDb = count(pgRun.report, isDb);
  exitedBadly(pgRun, postgresDb, 'PostgreSQL');
} else if (CI) {
  problems.push('PostgreSQL is required under CI=true (set PISHKHAN_TEST_PG_URL or start the local server)');
} else {
  console.log('SKIPPED: the PostgreSQL pass (no server). Under CI=true this fails the run.');
  postgresDb.skipped = sqliteDb.passed + sqliteDb.failed + sqliteDb.skipped;
}

const line = (t) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
console.log('\n=== totals ===');
console.log(`pure, web and e2e tests + typecheck: ${line(unitTotals)}`);
console.log(`database tests (sqlite):   ${line(sqliteDb)}`);
console.log(`database tests (postgres): ${line(postgresDb)}`);
const total = ['passed', 'failed', 'skipped'].reduce((acc, k) => ({ ...acc, [k]: unitTotals[k] + sqliteDb[k] + postgresDb[k] }), {});
const pgRan = postgresDb.passed + postgresDb.failed;
const sqliteRan = sqliteDb.passed + sqliteDb.failed;
if (CI && total.skipped > 0) problems.push(`${total.skipped} test(s) skipped; under CI=true nothing may skip`);
if (CI && pgRan < sqliteRan) problems.push(`PostgreSQL ran ${pgRan} database tests, fewer than SQLite's ${sqliteRan}`);
for (const p of problems) console.log(`FAIL: ${p}`);
if (problems.length && total.failed === 0) total.failed = problems.length;
console.log(line(total));
process.exit(total.failed > 0 ? 1 : 0);
