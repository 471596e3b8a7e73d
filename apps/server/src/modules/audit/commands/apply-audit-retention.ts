import { isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import type { CommandContext } from '../../../platform/commands/index.ts';
import { deleteAuditRowsBefore } from '../audit.repository.ts';
import { auditSettings } from '../audit.settings.ts';

const DAY = 24 * 3600_000;
const CHUNK = 1000;
const CHUNKS_PER_RUN = 20;

/** Deletes audit entries older than `audit.keep_days`, in bounded chunks (the system only). Returns how many, and whether more are left. */
export const applyAuditRetention = defineCommand(
  'audit.apply_retention',
  async (ctx: CommandContext & { db: Db }, input: { actor: Actor }): Promise<{ deleted: number; more: boolean }> => {
    if (!isTrustedSystem(input.actor)) throw forbidden('audit.retention');
    const before = ctx.clock.now() - (await auditSettings.get(ctx.db, 'audit.keep_days')) * DAY;
    let deleted = 0;
    for (let i = 0; i < CHUNKS_PER_RUN; i++) {
      const n = await deleteAuditRowsBefore(ctx.db, before, CHUNK);
      deleted += n;
      if (n < CHUNK) return { deleted, more: false };
    }
    return { deleted, more: true };
  },
);
