import type { Actor, ActorSidesLoader } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { DomainError, notFound } from '../../../platform/http/errors.ts';
import { accountKey, assertMayAttempt, ipKey, openExternalSession } from '../../access/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { findDirectoryRow } from '../directories.repository.ts';
import { directoryFailureKey, directorySettingsOf } from '../directory-settings.ts';
import { authenticateDirectoryUser, type DirectoryPerson } from '../ldap/directory-client.ts';
import { mapAccess, normalizeDn, type UnmappedAs } from '../mapping.ts';
import { applyExternalPerson, hasActiveSide, refuseNoAccess, type ProvisionContext } from '../provision.ts';
import { SsoEntities, SsoErrors } from '../sso.errors.ts';
import type { SsoSignInResult } from '../sign-in-outcome.ts';
import { mappingsOf } from '../sso.presenter.ts';

export interface SsoSignInContext extends ProvisionContext {
  sealKeys: SealKey[];
  actorSides: ActorSidesLoader;
}

type Input = { actor: Actor; directoryId: number; login: string; password: string; ip?: string; userAgent?: string };


/**
 * Signs in with a directory login: the binds happen before the unit of work (a directory must not
 * hold the database); inside, the sign-in is created or updated from the directory's answer and a
 * session starts. An identity that maps to no role and no contact is provisioned (its agent side
 * turned off) but gets no session: `no_access`, which the route answers 403 after the commit.
 */
export const signInWithDirectory = defineCommand(
  'sso.directory_sign_in',
  async (ctx: SsoSignInContext, input: Input, person: DirectoryPerson | null): Promise<SsoSignInResult> => {
    const dir = await findDirectoryRow(ctx.db, input.directoryId);
    if (!dir || dir.active !== 1) throw notFound(SsoEntities.sso_directory);
    if (!person) throw new DomainError(SsoErrors['sso.invalid_credentials']);
    const access = mapAccess(person.groups, mappingsOf(dir.group_mappings), dir.unmapped_as as UnmappedAs, normalizeDn);
    const source = { kind: 'ldap' as const, id: dir.id };
    const { userId, change } = await applyExternalPerson(ctx, { source, subject: person.subject, login: person.login, email: person.email, name: person.name, access });
    const details = { source: 'ldap', directoryId: dir.id, login: person.login, change };
    if (userId === null || !(await hasActiveSide(ctx, userId))) return refuseNoAccess(ctx, input, userId, details);
    const session = await openExternalSession(ctx, { userId, failureKey: directoryFailureKey(dir.id, input.login), ip: input.ip, userAgent: input.userAgent });
    await recordAudit(ctx, input.actor, 'sso.sign_in', { targetType: 'user', targetId: userId, ip: input.ip ?? null, details });
    return { outcome: 'signed_in', userId, ...session };
  },
  {
    async prepare(ctx, input) {
      await assertMayAttempt(ctx, { account: accountKey(directoryFailureKey(input.directoryId, input.login)), ip: ipKey(input.ip) });
      const dir = await findDirectoryRow(ctx.db, input.directoryId);
      if (!dir || dir.active !== 1) throw notFound(SsoEntities.sso_directory);
      return authenticateDirectoryUser(directorySettingsOf(ctx.sealKeys, dir), input.login, input.password);
    },
  },
);
