import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { findDirectoryRow, markDirectorySynced } from '../directories.repository.ts';
import { directorySettingsOf } from '../directory-settings.ts';
import { identitiesOfSource } from '../identities.repository.ts';
import { listDirectoryPeople, type DirectoryPerson } from '../ldap/directory-client.ts';
import { mapAccess, normalizeDn, type UnmappedAs } from '../mapping.ts';
import { applyExternalPerson, disableProvisioned, type ProvisionChange } from '../provision.ts';
import { mappingsOf } from '../sso.presenter.ts';
import { assertSsoAdmin } from '../sso.policy.ts';
import { inSavepoint, insertSyncRun } from '../sync-runs.repository.ts';
import type { SsoSignInContext } from './sign-in-with-directory.ts';

type Change = { login: string; email: string | null; change: Exclude<ProvisionChange, 'unchanged'> | 'failed'; reason?: string };

/**
 * Syncs a directory's agents and contacts with Pishkhan (run by the `sso.sync_directory` job, in its
 * transaction): every listed user who maps to a role or a contact is created or updated as at
 * sign-in; a user the directory no longer lists (disabled: left out by the filter; or deleted), or
 * who now maps to nothing, has their agent and contact sides turned off. Users who map to nothing and
 * were never here are not created. Each person under a savepoint: one refusal (the last admin) is
 * reported as failed and the rest goes on. The report (counts, and each change) is stored and audited.
 * The directory is read first, in full (paged); an unreachable directory is a failed run, changing nobody.
 */
export const syncDirectory = defineCommand('sso.directory_sync', async (ctx: SsoSignInContext, input: { actor: Actor; directoryId: number }): Promise<{ runId: number } | null> => {
  assertSsoAdmin(input.actor, 'sync');
  const dir = await findDirectoryRow(ctx.db, input.directoryId);
  if (!dir || dir.active !== 1) return null;
  const startedAt = ctx.clock.now();
  const source = { kind: 'ldap' as const, id: dir.id };
  const counts = { created: 0, updated: 0, disabled: 0, unchanged: 0, failed: 0 };
  const changes: Change[] = [];
  const note = (who: { login: string; email: string | null }, change: ProvisionChange | 'failed', reason?: string) => {
    counts[change] += 1;
    if (change !== 'unchanged') changes.push({ ...who, change, ...(reason ? { reason } : {}) });
  };

  let people: DirectoryPerson[] | null = null;
  try {
    people = await listDirectoryPeople(directorySettingsOf(ctx.sealKeys, dir));
  } catch (error) {
    note({ login: '*', email: null }, 'failed', error instanceof DomainError ? error.code : 'error');
  }
  if (people) {
    const mappings = mappingsOf(dir.group_mappings);
    const seen = new Set<string>();
    for (const person of people) {
      seen.add(person.subject);
      const who = { login: person.login, email: person.email };
      const access = mapAccess(person.groups, mappings, dir.unmapped_as as UnmappedAs, normalizeDn);
      try {
        const { userId, change } = await inSavepoint(ctx.db, () => applyExternalPerson(ctx, { source, subject: person.subject, login: person.login, email: person.email, name: person.name, access }));
        // Someone who maps to nothing and was never here is nobody to report.
        if (userId !== null) note(who, change);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        note(who, 'failed', error.code);
      }
    }
    for (const identity of await identitiesOfSource(ctx.db, source)) {
      if (seen.has(identity.subject)) continue;
      const who = { login: identity.login ?? identity.subject, email: null };
      try {
        const change = await inSavepoint(ctx.db, () => disableProvisioned(ctx, identity.user_id));
        if (change !== 'unchanged') note(who, change);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        note(who, 'failed', error.code);
      }
    }
  }
  const finishedAt = ctx.clock.now();
  const runId = await insertSyncRun(ctx.db, { directory_id: dir.id, started_at: startedAt, finished_at: finishedAt, ...counts, report: JSON.stringify(changes) });
  await markDirectorySynced(ctx.db, dir.id, finishedAt);
  await recordAudit(ctx, input.actor, 'sso.synced', { targetType: 'sso_directory', targetId: dir.id, details: { runId, ...counts } });
  return { runId };
});
