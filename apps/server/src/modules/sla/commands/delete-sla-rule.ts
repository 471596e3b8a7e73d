import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import type { SlaContext } from '../sla.context.ts';
import { slaRulePolicy } from '../sla.policy.ts';
import { deleteRuleRow, findRuleForUpdate } from '../sla.repository.ts';

/** An admin removes a rule; tickets keep their policy until a selecting field changes. */
export const deleteSlaRule = defineCommand('sla_rule.delete', async (ctx: SlaContext, input: { actor: Actor; id: number; version: number }): Promise<void> => {
  const row = authorizeEdit(slaRulePolicy, input.actor, 'delete', await findRuleForUpdate(ctx.db, input.id), input.version);
  await deleteRuleRow(ctx.db, row.id);
});
