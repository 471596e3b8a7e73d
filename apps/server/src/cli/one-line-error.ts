import { DomainError, renderMessage } from '../platform/http/errors.ts';

/** A refusal on one line in both languages (English, then Persian), for the CLI's exit 2. */
export function oneLineError(error: DomainError): string {
  return `${error.code}: ${renderMessage(error.code, 'en', error.details)} / ${renderMessage(error.code, 'fa', error.details)}`;
}

/** Runs a CLI command: an expected refusal prints one line and exits 2; anything else propagates. */
export async function refusalsExitTwo(run: () => Promise<number>, printError: (line: string) => void = console.error): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    printError(oneLineError(error));
    return 2;
  }
}
