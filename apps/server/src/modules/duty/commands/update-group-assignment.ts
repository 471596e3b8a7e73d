import type { UpdateGroupAssignmentBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { findGroup } from '../../people/index.ts';
import type { DutyContext } from '../duty.context.ts';
import { requireCalendar } from '../duty-fields.ts';
import { groupAssignmentPolicy } from '../duty.policy.ts';
import { lockGroupAssignment, updateGroupAssignmentAtVersion, type GroupAssignmentRow } from '../duty.repository.ts';

/** Switches a group's automatic assignment (mode, cap of open tickets per agent, the group's calendar), at the version seen. */
export const updateGroupAssignment = defineCommand(
  'duty.update_group_assignment',
  async (ctx: DutyContext, input: { actor: Actor; groupId: number } & UpdateGroupAssignmentBody): Promise<GroupAssignmentRow> => {
    const { actor, groupId, version, ...body } = input;
    const now = ctx.clock.now();
    const row = (await findGroup(ctx.db, groupId)) ? await lockGroupAssignment(ctx.db, groupId, now) : undefined;
    authorizeEdit(groupAssignmentPolicy, actor, 'update', row, version, () => ({ groupId }));
    await requireCalendar(ctx.db, body.calendarId);
    const set: Partial<GroupAssignmentRow> = { updated_at: now };
    if (body.mode !== undefined) set.mode = body.mode;
    if (body.maxOpenPerAgent !== undefined) set.max_open_per_agent = body.maxOpenPerAgent;
    if (body.calendarId !== undefined) set.calendar_id = body.calendarId;
    return updateGroupAssignmentAtVersion(ctx.db, groupId, row!.version, set);
  },
);
