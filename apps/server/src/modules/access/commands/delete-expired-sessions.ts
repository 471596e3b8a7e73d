import type { Actor } from '../../../platform/actor.ts';
import { isTrustedSystem } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import type { AccessContext } from '../access.context.ts';
import { deleteExpiredSessions as deleteExpiredSessionRows } from '../sessions.repository.ts';

/** Deletes the sessions whose expiry has passed (the daily sweep; the system only, 403 for anyone else). */
export const deleteExpiredSessions = defineCommand(
  'session.delete_expired',
  async (ctx: AccessContext, input: { actor: Actor }): Promise<{ deleted: number }> => {
    if (!isTrustedSystem(input.actor)) throw forbidden('delete_expired_sessions');
    return { deleted: Number(await deleteExpiredSessionRows(ctx.db, ctx.clock.now())) };
  },
);
