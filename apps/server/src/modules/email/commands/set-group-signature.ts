import { hasRole, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { AppContext } from '../../../context.ts';
import { findGroup } from '../../people/index.ts';
import { saveGroupSignature } from '../outbound/outbound.repository.ts';

/** An admin sets a group's mail signature in fa and en (plain text; empty: none). Unknown group → 404. */
export const setGroupSignature = defineCommand(
  'email.set_group_signature',
  async (ctx: AppContext, input: { actor: Actor; groupId: number; fa: string; en: string }): Promise<{ groupId: number; fa: string; en: string }> => {
    const actor = requireUser(input.actor);
    if (!hasRole(actor, 'admin')) throw forbidden('email.signature');
    if (!(await findGroup(ctx.db, input.groupId))) throw notFound('group');
    await saveGroupSignature(ctx.db, { groupId: input.groupId, fa: input.fa, en: input.en, now: ctx.clock.now() });
    return { groupId: input.groupId, fa: input.fa, en: input.en };
  },
);
