import { randomBytes } from 'node:crypto';
import type { CreateAgentBody } from '@pishkhan/contracts';
import type { Actor, Role } from '../../../platform/actor.ts';
import { transaction } from '../../../platform/db/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { findUserByEmail, hashPassword, insertUser } from '../../access/index.ts';
import { agentOfUser, insertAgent } from '../agents.repository.ts';
import { emailKey } from '../contact-keys.ts';
import { contactIdOfUser, linkContactToUser, unlinkedContactWithEmail } from '../contacts.repository.ts';
import { touchGroups } from '../groups.repository.ts';
import { assertCanCreate } from '../people.policy.ts';
import { assertGroupsExist, unique, type PeopleDeps } from '../references.ts';

export interface CreatedAgentResult {
  agentId: number;
  /** The generated one-time password: shown to the admin once, never stored in clear. */
  initialPassword?: string;
  linkedToExistingUser: boolean;
}

/**
 * Creates an agent and their sign-in (admin only). If the email is already a sign-in (say, a
 * contact's), that user becomes the agent too, password untouched: one person, one sign-in.
 * Without a password a one-time one is generated and must be changed at first sign-in.
 * A contact with this email and no sign-in yet is linked to the sign-in as well.
 */
export async function createAgent(deps: PeopleDeps, actor: Actor, input: CreateAgentBody): Promise<CreatedAgentResult> {
  assertCanCreate(actor, 'agent');
  const groupIds = unique(input.groupIds ?? []);
  await assertGroupsExist(deps.db, groupIds, 'groupIds');
  const existing = await findUserByEmail(deps.db, input.email);
  if (existing && (await agentOfUser(deps.db, existing.id))) {
    throw new DomainError(CommonErrors['record.conflict'], { field: 'email' });
  }
  const generated = existing || input.password !== undefined ? undefined : randomBytes(15).toString('base64url');
  const passwordHash = existing ? null : await hashPassword(input.password ?? generated!);
  const now = deps.clock.now();

  const agentId = await transaction(deps.db, async (trx) => {
    const userId =
      existing?.id ??
      (await insertUser(trx, { email: input.email, passwordHash, mustChangePassword: generated !== undefined, locale: input.locale ?? 'fa', now }));
    if ((await contactIdOfUser(trx, userId)) === undefined) {
      const contactId = await unlinkedContactWithEmail(trx, emailKey(input.email));
      if (contactId !== undefined) await linkContactToUser(trx, contactId, userId, now);
    }
    const id = await insertAgent(trx, { userId, name: input.name, roles: unique(input.roles) as Role[], groupIds, now });
    await touchGroups(trx, groupIds, now);
    return id;
  });
  return { agentId, ...(generated !== undefined ? { initialPassword: generated } : {}), linkedToExistingUser: existing !== undefined };
}
