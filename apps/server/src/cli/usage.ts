/**
 * What each CLI command takes (`pishkhan <command> --help`, exit 0) and the one error the CLI
 * raises for bad input: `CliInputError`, printed as one line with exit code 2 (never a stack).
 */
export const EXIT_BAD_INPUT = 2;

export class CliInputError extends Error {
  override name = 'CliInputError';
}

const COMMANDS: Record<string, string> = {
  start: `pishkhan start
  Migrate, create the first admin on a new desk, and serve on $HOST:$PORT (default 8080),
  with the SMTP receiver and IMAP pollers. Stops on SIGINT or SIGTERM.`,
  migrate: `pishkhan migrate
  Apply pending database migrations, then exit.`,
  user: `pishkhan user create --email E --name N --roles analyst,supervisor [--groups 1,2] [--locale fa|en] [--password P]
pishkhan user create --email E --name N --contact [--organization ID] [--locale fa|en] [--password P]
  Create an agent (roles: analyst, supervisor, manager, crm, admin) or a contact with a portal sign-in.
  Without --password a one-time password is printed once; it must be changed at first sign-in.`,
  seed: `pishkhan seed --demo
pishkhan seed --bench [--tickets N] [--contacts N] [--organizations N]
  Load demo or benchmark data into an empty desk (refused when it already holds data).`,
  reindex: `pishkhan reindex [--here | --detach]
  Rebuild the search index as a server job and follow its progress.
  --here: run the jobs in this process (no server running); --detach: only start it.`,
  backup: `pishkhan backup <file> [--include-secret]
  Write the database and the attachments into one archive (from a consistent snapshot, while the
  server serves). Sealed values need the same PISHKHAN_SECRET unless --include-secret is given.`,
  restore: `pishkhan restore <file>
  Restore an archive into an empty database and data dir (SQLite → PostgreSQL: set DATABASE_URL),
  after checking every checksum; a damaged archive or a non-empty target is refused.`,
  secret: `pishkhan secret rotate [--here | --detach]
  Re-seal every sealed value under PISHKHAN_SECRET (the old secret in PISHKHAN_SECRET_PREVIOUS)
  as a server job and follow it. --here: run the job in this process; --detach: only start it.`,
};

export const USAGE = `Usage: pishkhan <command> [--help]
${Object.values(COMMANDS)
  .map((text) => text.split('\n').filter((line) => line.startsWith('pishkhan ')).map((line) => `  ${line.slice('pishkhan '.length)}`).join('\n'))
  .join('\n')}`;

/** The help of one command, or undefined for a command the CLI does not have. */
export function usageOf(command: string): string | undefined {
  return Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
}

/** One line for an operator: the reason, never a stack. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
