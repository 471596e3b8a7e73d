import type * as Ldapts from 'ldapts';
import { onFirstUse } from '../../../platform/on-first-use.ts';

const load = onFirstUse<typeof Ldapts>(import.meta.url, 'ldapts');

// ldapts, read on the first directory sign-in or sync (ADR 0037): the names directory-client.ts uses.
export type Client = Ldapts.Client;
export type Entry = Ldapts.Entry;
export const Client = function (...args: ConstructorParameters<typeof Ldapts.Client>) {
  return new (load().Client)(...args);
} as unknown as typeof Ldapts.Client;
/** For `instanceof` (a bind has loaded the package by the time it asks). */
export const InvalidCredentialsError = {
  [Symbol.hasInstance]: (value: unknown): value is Ldapts.InvalidCredentialsError => value instanceof load().InvalidCredentialsError,
};
