import type { CreateSlaRuleBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { SlaContext } from '../sla.context.ts';
import { checkedRuleFilter } from '../sla-fields.ts';
import { assertSlaAdmin } from '../sla.policy.ts';
import { findPolicy, insertRule, type SlaRuleRow } from '../sla.repository.ts';

/** An admin adds a global rule: tickets matching the filter (type, category, channel, priority, …) get the policy; lowest position wins. */
export const createSlaRule = defineCommand('sla_rule.create', async (ctx: SlaContext, input: { actor: Actor } & CreateSlaRuleBody): Promise<SlaRuleRow> => {
  assertSlaAdmin(input.actor, 'create');
  const filter = checkedRuleFilter(input.filter);
  if (!(await findPolicy(ctx.db, input.policyId))) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'policyId' });
  const now = ctx.clock.now();
  return insertRule(ctx.db, { position: input.position, filter, policy_id: input.policyId, version: 1, created_at: now, updated_at: now });
});
