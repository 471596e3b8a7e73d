import { randomBytes } from 'node:crypto';
import type { CreateAgentBody } from '@pishkhan/contracts';
import { actorUserId, type Actor, type Role } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { findUserByEmail, hashPassword, insertUser } from '../../access/index.ts';
import { agentOfUser, insertAgent } from '../agents.repository.ts';
import { emailKey } from '../contact-keys.ts';
import { contactIdOfUser, findContactForUpdate, unlinkedContactWithEmail } from '../contacts.repository.ts';
import { touchGroups } from '../groups.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { assertCanCreate } from '../people.policy.ts';
import { agentView, type AgentView } from '../people.queries.ts';
import { assertGroupsExist, distinct } from '../reference-checks.ts';
import { linkSignInToContact } from '../sign-in-link.ts';

export interface CreatedAgentResult {
  agent: AgentView;
  /** The generated one-time password: shown to the admin once, never stored in clear. */
  initialPassword?: string;
  linkedToExistingUser: boolean;
}

/**
 * Creates an agent and their sign-in (admin only). If the email is already a sign-in (say, a
 * contact's), that user becomes the agent too, password untouched: one person, one sign-in.
 * Without a password a one-time one is generated and must be changed at first sign-in.
 * A contact with this email and no sign-in yet is linked to the new sign-in by the admin's
 * act (a history row and `contact.sign_in_linked`, as with an explicit link).
 */
export const createAgent = defineCommand(
  'agent.create',
  async (ctx: PeopleContext, input: { actor: Actor } & CreateAgentBody, password: PreparedPassword): Promise<CreatedAgentResult> => {
    assertCanCreate(input.actor, 'agent');
    const groupIds = distinct(input.groupIds ?? []);
    await assertGroupsExist(ctx.db, groupIds, 'groupIds');
    const existing = await findUserByEmail(ctx.db, input.email);
    if (existing && (await agentOfUser(ctx.db, existing.id))) throw new DomainError(CommonErrors['record.conflict'], { field: 'email' });
    // The sign-in prepare saw has gone meanwhile: a concurrent change, not a reason to make one without a password.
    if (!existing && password.hash === undefined) throw new DomainError(CommonErrors['record.conflict'], { field: 'email' });
    const generated = existing ? undefined : password.generated;
    const now = ctx.clock.now();

    const userId =
      existing?.id ??
      (await insertUser(ctx.db, {
        email: input.email,
        passwordHash: password.hash!,
        mustChangePassword: generated !== undefined,
        locale: input.locale ?? 'fa',
        now,
      }));
    if ((await contactIdOfUser(ctx.db, userId)) === undefined) {
      const contactId = await unlinkedContactWithEmail(ctx.db, emailKey(input.email));
      const contact = contactId === undefined ? undefined : await findContactForUpdate(ctx.db, contactId);
      if (contact) await linkSignInToContact(ctx, input.actor, contact, userId);
    }
    const agentId = await insertAgent(ctx.db, { userId, name: input.name, roles: distinct(input.roles) as Role[], groupIds, now });
    await touchGroups(ctx.db, groupIds, now);
    await recordEvent(ctx.db, ctx.clock, 'agent.created', { agentId, actorUserId: actorUserId(input.actor) });
    return {
      agent: (await agentView(ctx.db, agentId))!,
      ...(generated !== undefined ? { initialPassword: generated } : {}),
      linkedToExistingUser: existing !== undefined,
    };
  },
  {
    // argon2 runs before the unit of work, so hashing never holds the database — and not at all when
    // the email is already a sign-in (its password stays; single sign-on provisions agents this way,
    // inside its own unit of work).
    async prepare(ctx, input) {
      assertCanCreate(input.actor, 'agent');
      if (await findUserByEmail(ctx.db, input.email)) return { hash: undefined, generated: undefined };
      const generated = input.password === undefined ? randomBytes(15).toString('base64url') : undefined;
      return { hash: await hashPassword(input.password ?? generated!), generated };
    },
  },
);

interface PreparedPassword {
  /** Absent when the email was already a sign-in. */
  hash: string | undefined;
  /** The one-time password made for a sign-in created without one. */
  generated: string | undefined;
}
