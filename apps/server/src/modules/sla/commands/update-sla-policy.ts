import type { UpdateSlaPolicyBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import type { SlaContext } from '../sla.context.ts';
import { policyColumns } from '../sla-fields.ts';
import { slaPolicy } from '../sla.policy.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { clearDefaultPolicy, findPolicyForUpdate, updatePolicyAtVersion, type SlaPolicyRow } from '../sla.repository.ts';

/** The columns whose change moves due times (the warning share moves the next event). */
const CLOCK_COLUMNS = ['targets', 'calendar_id', 'pause_on_third_party', 'warn_at_percent'] as const;

/**
 * An admin edits a policy at the version seen; `isDefault: true` makes it the default. When the
 * targets, calendar, pause rule or warning share change, its open tickets are recomputed in chunks
 * (a job per 1,000, as after a calendar change); the starts stay, so a tighter target may breach at once.
 */
export const updateSlaPolicy = defineCommand('sla_policy.update', async (ctx: SlaContext, input: { actor: Actor; id: number } & UpdateSlaPolicyBody): Promise<SlaPolicyRow> => {
  const { actor, id, version, isDefault, ...body } = input;
  const row = authorizeEdit(slaPolicy, actor, 'update', await findPolicyForUpdate(ctx.db, id), version);
  const set = await policyColumns(ctx.db, body);
  if (isDefault && row.default_key === null) await clearDefaultPolicy(ctx.db);
  const updated = await updatePolicyAtVersion(ctx.db, id, row.version, { ...set, ...(isDefault ? { default_key: 'default' } : {}), updated_at: ctx.clock.now() });
  // What moves due times: its open tickets are recomputed in chunks (sla.policy_changed → sla.recompute_chunk).
  const fields = CLOCK_COLUMNS.filter((c) => set[c] !== undefined && set[c] !== row[c]);
  if (fields.length > 0) await recordEvent(ctx.db, ctx.clock, 'sla_policy.changed', { policyId: id, version: updated.version, fields });
  return updated;
});
