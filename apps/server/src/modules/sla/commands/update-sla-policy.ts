import type { UpdateSlaPolicyBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import type { SlaContext } from '../sla.context.ts';
import { policyColumns } from '../sla-fields.ts';
import { slaPolicy } from '../sla.policy.ts';
import { clearDefaultPolicy, findPolicyForUpdate, updatePolicyAtVersion, type SlaPolicyRow } from '../sla.repository.ts';

/**
 * An admin edits a policy at the version seen; `isDefault: true` makes it the default. Tickets
 * under it get the new targets at their next recompute (an event or the sweep); the start stays.
 */
export const updateSlaPolicy = defineCommand('sla_policy.update', async (ctx: SlaContext, input: { actor: Actor; id: number } & UpdateSlaPolicyBody): Promise<SlaPolicyRow> => {
  const { actor, id, version, isDefault, ...body } = input;
  const row = authorizeEdit(slaPolicy, actor, 'update', await findPolicyForUpdate(ctx.db, id), version);
  const set = await policyColumns(ctx.db, body);
  if (isDefault && row.default_key === null) await clearDefaultPolicy(ctx.db);
  return updatePolicyAtVersion(ctx.db, id, row.version, { ...set, ...(isDefault ? { default_key: 'default' } : {}), updated_at: ctx.clock.now() });
});
