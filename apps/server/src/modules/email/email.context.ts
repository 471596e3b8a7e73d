import type { AppContext } from '../../context.ts';

/** The ports the email module's commands need. */
export type EmailContext = Pick<AppContext, 'db' | 'clock' | 'sealKeys' | 'resolveActor'>;
