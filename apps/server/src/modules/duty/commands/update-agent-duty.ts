import type { UpdateAgentDutyBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { findAgent, groupIdsOfAgents } from '../../people/index.ts';
import type { DutyContext } from '../duty.context.ts';
import { awayUntilOf, requireCalendar } from '../duty-fields.ts';
import { agentDutyPolicy } from '../duty.policy.ts';
import { lockAgentDuty, updateAgentDutyAtVersion, type AgentDutyRow } from '../duty.repository.ts';

/**
 * Sets an agent's working calendar and away period (with a return date), at the version seen. An
 * agent sets their own; a supervisor of one of their groups, a manager or an admin sets anyone's.
 */
export const updateAgentDuty = defineCommand(
  'duty.update_agent',
  async (ctx: DutyContext, input: { actor: Actor; agentId: number } & UpdateAgentDutyBody): Promise<AgentDutyRow> => {
    const { actor, agentId, version, ...body } = input;
    const now = ctx.clock.now();
    const agent = await findAgent(ctx.db, agentId);
    const row = agent ? await lockAgentDuty(ctx.db, agentId, now) : undefined;
    const groupIds = agent ? (await groupIdsOfAgents(ctx.db, [agentId])).map((g) => Number(g.group_id)) : [];
    authorizeEdit(agentDutyPolicy, actor, 'update', row, version, () => ({ agentId, groupIds }));
    await requireCalendar(ctx.db, body.calendarId);
    const set: Partial<AgentDutyRow> = { updated_at: now };
    if (body.calendarId !== undefined) set.calendar_id = body.calendarId;
    const awayUntil = awayUntilOf(body.awayUntil, now);
    if (awayUntil !== undefined) set.away_until = awayUntil;
    if (body.awayNote !== undefined) set.away_note = body.awayNote;
    if (awayUntil === null && body.awayNote === undefined) set.away_note = null;
    const updated = await updateAgentDutyAtVersion(ctx.db, agentId, row!.version, set);
    await recordEvent(ctx.db, ctx.clock, 'agent.duty_changed', { agentId, actorUserId: actorUserId(actor) });
    return updated;
  },
);
