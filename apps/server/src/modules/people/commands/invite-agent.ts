import type { Actor } from '../../../platform/actor.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { userInvitationLink, type IssuedLink } from '../../access/index.ts';
import { findAgentRow } from '../agents.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { agentPolicy } from '../people.policy.ts';
import { recordAudit } from '../../audit/index.ts';

/**
 * An admin sends an agent an invitation link (a new agent's first password, or a reset of a
 * forgotten one): one hour, single use, through the notification channels; the admin also gets the
 * link to hand over (a desk with no mail relay). The current password keeps working until the link is used.
 */
export const inviteAgent = defineCommand(
  'agent.invite',
  async (ctx: PeopleContext & { sealKeys: SealKey[]; config: { publicUrl: string } }, input: { actor: Actor; id: number }): Promise<IssuedLink> => {
    const agent = await findAgentRow(ctx.db, input.id);
    authorize(agentPolicy, input.actor, 'update', agent);
    const issued = await userInvitationLink(ctx, { userId: agent!.user_id });
    await recordAudit(ctx, input.actor, 'invitation.issued', { targetType: 'agent', targetId: input.id });
    return issued;
  },
);
