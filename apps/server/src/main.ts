import { buildApp } from './app.ts';
import { bootstrapInstallation, resolveSecret } from './bootstrap.ts';
import { parseFlags } from './cli/args.ts';
import { seedCommand } from './cli/seed.ts';
import { reindexCommand } from './cli/reindex.ts';
import { userCreate } from './cli/user-create.ts';
import { backupCommand } from './cli/backup.ts';
import { restoreCommand } from './cli/restore.ts';
import { secretRotateCommand } from './cli/secret-rotate.ts';
import { ConfigError, loadConfig } from './platform/config/index.ts';
import { migrateToLatest, openDatabase } from './platform/db/index.ts';
import { createLogger } from './platform/logging/logger.ts';
import { DomainError, renderMessage } from './platform/http/errors.ts';
import type { DB } from './schema.ts';
import { ensureWebBuild } from './platform/http/web-build.ts';
import { startImapPollers, startSmtpReceiver } from './modules/email/index.ts';

const USAGE = `Usage: pishkhan <command>
  start                      migrate, create the admin on first start, serve on $PORT (default 8080)
  migrate                    apply pending database migrations
  user create --email E --name N --roles analyst,supervisor [--groups 1,2] [--password P]
  user create --email E --name N --contact [--organization ID] [--password P]
  seed --<mode>              load data of a seed mode
  reindex [--here|--detach]  rebuild the search index as a server job and follow its progress
                             (--here: run the jobs in this process; --detach: only start it)
  backup <file> [--include-secret]  database and attachments in one archive, while the server serves
  restore <file>             into an empty database and data dir (SQLite → PostgreSQL: set DATABASE_URL)
  secret rotate [--here|--detach]  re-seal every sealed value under PISHKHAN_SECRET (old one in PISHKHAN_SECRET_PREVIOUS)`;

async function main(argv: string[]): Promise<number> {
  const [minMajor, minMinor] = [22, 12];
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    console.error(`Pishkhan needs Node.js >= 22.12 (24 LTS recommended); this is ${process.versions.node}. Run: . scripts/node-env.sh`);
    return 1;
  }
  const { positionals, flags } = parseFlags(argv);
  const command = positionals[0];
  if (!command || command === 'help' || flags.help) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Before the usual first steps: the target must stay empty and its secret come from the archive.
  if (command === 'restore') return restoreCommand({ config, positionals });
  const secret = await resolveSecret(config);
  const database = openDatabase<DB>(config.database);
  const applied = await migrateToLatest(database.kysely);
  if (applied.length) logger.info({ migrations: applied }, 'Applied migrations');
  if (command === 'migrate') {
    await database.close();
    return 0;
  }
  if (command === 'backup') {
    try {
      return await backupCommand({ config, database, secret, positionals, flags });
    } finally {
      await database.close();
    }
  }
  if (command === 'start') {
    // Never serve a stale UI: build it first when it is missing or older than its sources.
    ensureWebBuild((message) => logger.info(message));
    const pishkhan = await buildApp({ config, database, secret, logger });
    await bootstrapInstallation(pishkhan.ctx.db, config, pishkhan.ctx.clock, logger, pishkhan.settings);
    // Delivers events a crash left undispatched, then every event as its transaction commits.
    pishkhan.ctx.events.start();
    pishkhan.ctx.jobs.start();
    await pishkhan.app.listen({ port: config.port, host: config.host });
    const smtp = config.smtp.enabled ? await startSmtpReceiver(pishkhan.ctx, config.smtp) : null;
    if (smtp) logger.info({ smtpPort: smtp.port, host: config.smtp.host }, 'SMTP receiver listening');
    const imap = startImapPollers(pishkhan.ctx);
    logger.info({ url: config.publicUrl, database: config.database.dialect }, 'Pishkhan is ready');
    const shutdown = async (signal: string) => {
      logger.info({ signal }, 'Shutting down');
      await smtp?.close();
      await imap.stop();
      await pishkhan.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    return -1;
  }
  const pishkhan = await buildApp({ config, database, secret, logger: createLogger('warn') });
  try {
    await bootstrapInstallation(pishkhan.ctx.db, config, pishkhan.ctx.clock, logger, pishkhan.settings);
    if (command === 'user' && positionals[1] === 'create') {
      console.log(await userCreate(pishkhan.ctx, flags));
      return 0;
    }
    if (command === 'seed') return await seedCommand(pishkhan.ctx, pishkhan.seedModes, flags);
    if (command === 'reindex') return await reindexCommand(pishkhan.ctx, flags);
    if (command === 'secret' && positionals[1] === 'rotate') return await secretRotateCommand(pishkhan.ctx, flags);
    console.error(USAGE);
    return 1;
  } finally {
    await pishkhan.close();
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof DomainError) console.error(`${error.code}: ${renderMessage(error.code, 'en', error.details)}`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
