import { createRequire } from 'node:module';

/**
 * A package read the first time it is used instead of when the server starts (ADR 0037): what a
 * desk uses rarely (mail out, SSO, two-step enrolment, the common-password list) then costs no
 * memory in a server that never uses it. Loading is synchronous (`require`, which loads ES modules
 * too), so a loader file can stand in for the package with the same names and call sites stay as
 * they were. `from` is the loader's `import.meta.url`: the package resolves as it would from there.
 */
export function onFirstUse<T>(from: string, specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(from)(specifier) as T);
}
