import type { CreateSlaPolicyBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { SlaContext } from '../sla.context.ts';
import { policyColumns } from '../sla-fields.ts';
import { assertSlaAdmin } from '../sla.policy.ts';
import { clearDefaultPolicy, insertPolicy, type SlaPolicyRow } from '../sla.repository.ts';

/** An admin adds an SLA policy: targets per priority in business time of a calendar; optionally the new default. */
export const createSlaPolicy = defineCommand('sla_policy.create', async (ctx: SlaContext, input: { actor: Actor } & CreateSlaPolicyBody): Promise<SlaPolicyRow> => {
  const { actor, isDefault, ...body } = input;
  assertSlaAdmin(actor, 'create');
  const columns = await policyColumns(ctx.db, body);
  if (isDefault) await clearDefaultPolicy(ctx.db);
  const now = ctx.clock.now();
  return insertPolicy(ctx.db, {
    name: body.name,
    calendar_id: body.calendarId,
    targets: columns.targets!,
    pause_on_third_party: columns.pause_on_third_party ?? 0,
    warn_at_percent: columns.warn_at_percent === undefined ? 75 : columns.warn_at_percent,
    breach_escalate: columns.breach_escalate ?? 1,
    breach_refer_group_id: columns.breach_refer_group_id ?? null,
    breach_raise_priority: columns.breach_raise_priority ?? 0,
    default_key: isDefault ? 'default' : null,
    version: 1,
    created_at: now,
    updated_at: now,
  });
});
