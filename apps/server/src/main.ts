import { parseFlags } from './cli/args.ts';
import { CliInputError, EXIT_BAD_INPUT, oneLine, USAGE, usageOf } from './cli/usage.ts';

// Everything else is imported once a command is known to run, so `--help` and bad commands answer at
// once; and each command imports only what it uses, so a server does not hold the other commands'
// code (backup and restore with their tar archives, reindex, user create) for its whole life (ADR 0037).
const load = async () => ({
  ...(await import('./bootstrap.ts')),
  ...(await import('./platform/config/index.ts')),
  ...(await import('./platform/db/index.ts')),
  ...(await import('./platform/logging/logger.ts')),
});

async function main(argv: string[]): Promise<number> {
  const [minMajor, minMinor] = [22, 18];
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    console.error(`Pishkhan needs Node.js >= 22.18 (24 LTS recommended); this is ${process.versions.node}. Run: . scripts/node-env.sh`);
    return 1;
  }
  const { positionals, flags } = parseFlags(argv);
  const command = positionals[0];
  // Help and unknown commands are answered before any configuration or database is touched.
  if (command === 'help' || (!command && flags.help)) {
    console.log(USAGE);
    return 0;
  }
  const help = command ? usageOf(command) : undefined;
  const sub = { user: 'create', secret: 'rotate' }[command ?? ''];
  if (!command || help === undefined || (sub !== undefined && positionals[1] !== sub && !flags.help)) {
    console.error(command ? `Unknown command: ${positionals.slice(0, 2).join(' ')}\n${USAGE}` : USAGE);
    return EXIT_BAD_INPUT;
  }
  if (flags.help) {
    console.log(help);
    return 0;
  }
  const { bootstrapInstallation, resolveSecret, loadConfig, migrateToLatest, openDatabase, createLogger } = await load();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Before the usual first steps: the target must stay empty and its secret come from the archive.
  if (command === 'restore') return (await import('./cli/restore.ts')).restoreCommand({ config, positionals });
  const secret = await resolveSecret(config);
  const database = openDatabase<import('./schema.ts').DB>(config.database);
  const applied = await migrateToLatest(database.kysely);
  if (applied.length) logger.info({ migrations: applied }, 'Applied migrations');
  if (command === 'migrate') {
    await database.close();
    return 0;
  }
  if (command === 'backup') {
    try {
      return await (await import('./cli/backup.ts')).backupCommand({ config, database, secret, positionals, flags });
    } finally {
      await database.close();
    }
  }
  const { buildApp } = await import('./app.ts');
  if (command === 'start') {
    const { ensureWebBuild } = await import('./platform/http/web-build.ts');
    const { startImapPollers, startSmtpReceiver } = await import('./modules/email/index.ts');
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
  // The other commands serve nothing: the modules' contributions without the HTTP layer.
  const pishkhan = await buildApp({ config, database, secret, logger: createLogger('warn'), http: false });
  try {
    await bootstrapInstallation(pishkhan.ctx.db, config, pishkhan.ctx.clock, logger, pishkhan.settings);
    if (command === 'user' && positionals[1] === 'create') {
      console.log(await (await import('./cli/user-create.ts')).userCreate(pishkhan.ctx, flags));
      return 0;
    }
    if (command === 'seed') return await (await import('./cli/seed.ts')).seedCommand(pishkhan.ctx, pishkhan.seedModes, flags);
    if (command === 'secret') return await (await import('./cli/secret-rotate.ts')).secretRotateCommand(pishkhan.ctx, flags);
    return await (await import('./cli/reindex.ts')).reindexCommand(pishkhan.ctx, flags);
  } finally {
    await pishkhan.close();
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  async (error: unknown) => {
    const { ConfigError } = await import('./platform/config/index.ts');
    const { DomainError, renderMessage } = await import('./platform/http/errors.ts');
    // Bad input is one line and exit 2; anything else one line and exit 1 (an operator reads a reason, not a stack).
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof CliInputError) console.error(oneLine(error.message));
    else if (error instanceof DomainError) console.error(oneLine(`${error.code}: ${renderMessage(error.code, 'en', error.details)}`));
    else console.error(oneLine(`Error: ${error instanceof Error ? error.message : String(error)}`));
    process.exit(error instanceof CliInputError || error instanceof DomainError ? EXIT_BAD_INPUT : 1);
  },
);
