import type { UpdateSlaRuleBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import type { SlaContext } from '../sla.context.ts';
import { checkedRuleFilter } from '../sla-fields.ts';
import { slaRulePolicy } from '../sla.policy.ts';
import { findPolicy, findRuleForUpdate, updateRuleAtVersion, type SlaRuleRow } from '../sla.repository.ts';

/** An admin moves, refilters or repoints a rule at the version seen. */
export const updateSlaRule = defineCommand('sla_rule.update', async (ctx: SlaContext, input: { actor: Actor; id: number } & UpdateSlaRuleBody): Promise<SlaRuleRow> => {
  const row = authorizeEdit(slaRulePolicy, input.actor, 'update', await findRuleForUpdate(ctx.db, input.id), input.version);
  if (input.policyId !== undefined && !(await findPolicy(ctx.db, input.policyId))) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'policyId' });
  return updateRuleAtVersion(ctx.db, row.id, row.version, {
    ...(input.position !== undefined ? { position: input.position } : {}),
    ...(input.filter !== undefined ? { filter: checkedRuleFilter(input.filter) } : {}),
    ...(input.policyId !== undefined ? { policy_id: input.policyId } : {}),
    updated_at: ctx.clock.now(),
  });
});
