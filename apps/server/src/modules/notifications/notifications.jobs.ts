import { defineJob, type AppContext } from '../../context.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Contribution } from '../../platform/modules.ts';
import { notify } from './commands/notify.ts';
import type { NotificationDriver } from './drivers/types.ts';
import { ticketNotificationFacts as findTicketFacts } from '../tickets/index.ts';
import { managerUserIds, referralRecipientUserIds, supervisorUserIdsOfGroup, userIdsOfAgents, users } from './recipients.ts';

/**
 * The notification jobs and their subscriptions to ticket events (installed by app.ts). Each
 * handler reads the current facts in the job's transaction (so a stale event does not notify
 * someone who is no longer concerned), picks
 * the recipients and hands them to the drivers. Only ids, the ticket's number and title travel:
 * never article text, so no internal note can leak into a notification.
 */
export function notificationJobs(ctx: AppContext, drivers: readonly NotificationDriver[]): Pick<Contribution, 'jobs' | 'subscriptions'> {
  const ticketAssigned = defineJob('notifications.ticket_assigned', {
    async handler({ payload: event, trx }) {
      const { ticketId, agentId, groupId, actorUserId } = event.payload;
      if (agentId === null) return;
      const ticket = await findTicketFacts(trx, ticketId);
      if (!ticket || ticket.assigneeAgentId !== agentId) return;
      await notify({ db: trx, clock: ctx.clock, drivers }, {
        actor: systemActor(),
        recipients: users(await userIdsOfAgents(trx, [agentId])),
        exceptUserId: actorUserId,
        kind: 'ticket.assigned',
        ticket,
        data: { actorUserId, groupId },
        sourceKey: event.outboxId,
      });
    },
  });

  const ticketEscalated = defineJob('notifications.ticket_escalated', {
    async handler({ payload: event, trx }) {
      const { ticketId, kind, actorUserId } = event.payload;
      const ticket = await findTicketFacts(trx, ticketId);
      if (!ticket) return;
      if (kind === 'functional') {
        // Referred to a group: its members hear of it (a named agent is told by ticket.assigned), unless it moved on since.
        const groupId = event.payload.groupId ?? null;
        if (groupId === null || ticket.assigneeGroupId !== groupId) return;
        await notify({ db: trx, clock: ctx.clock, drivers }, {
          actor: systemActor(),
          recipients: users(await referralRecipientUserIds(trx, groupId, ticket.assigneeAgentId)),
          exceptUserId: actorUserId,
          kind: 'ticket.referred',
          ticket,
          data: { actorUserId, groupId },
          sourceKey: event.outboxId,
        });
        return;
      }
      const level = (event.payload.level ?? 1) >= 2 ? 2 : 1;
      const groupId = event.payload.groupId ?? ticket.assigneeGroupId;
      const userIds = level === 2 ? await managerUserIds(trx) : groupId === null ? [] : await supervisorUserIdsOfGroup(trx, groupId);
      await notify({ db: trx, clock: ctx.clock, drivers }, {
        actor: systemActor(),
        recipients: users(userIds),
        exceptUserId: actorUserId,
        kind: 'ticket.escalated',
        ticket,
        data: { actorUserId, escalationLevel: level, groupId },
        sourceKey: event.outboxId,
      });
    },
  });

  const ticketPendingReached = defineJob('notifications.ticket_pending_reached', {
    async handler({ payload: event, trx }) {
      const ticket = await findTicketFacts(trx, event.payload.ticketId);
      if (!ticket || ticket.assigneeAgentId === null) return;
      await notify({ db: trx, clock: ctx.clock, drivers }, {
        actor: systemActor(),
        recipients: users(await userIdsOfAgents(trx, [ticket.assigneeAgentId])),
        exceptUserId: null,
        kind: 'ticket.pending_reached',
        ticket,
        data: { actorUserId: null },
        sourceKey: event.outboxId,
      });
    },
  });

  const ticketReferralReturned = defineJob('notifications.ticket_referral_returned', {
    async handler({ payload: event, trx }) {
      const { ticketId, actorUserId, ownerGroupId } = event.payload;
      const ticket = await findTicketFacts(trx, ticketId);
      const ownerAgentId = event.payload.ownerAgentId ?? ticket?.ownerAgentId ?? null;
      if (!ticket || ownerAgentId === null) return;
      await notify({ db: trx, clock: ctx.clock, drivers }, {
        actor: systemActor(),
        recipients: users(await userIdsOfAgents(trx, [ownerAgentId])),
        exceptUserId: actorUserId,
        kind: 'ticket.referral_returned',
        ticket,
        data: { actorUserId, groupId: ownerGroupId },
        sourceKey: event.outboxId,
      });
    },
  });
  return {
    jobs: [ticketAssigned, ticketEscalated, ticketPendingReached, ticketReferralReturned],
    subscriptions: [
      { event: 'ticket.assigned', job: 'notifications.ticket_assigned' },
      { event: 'ticket.escalated', job: 'notifications.ticket_escalated' },
      { event: 'ticket.pending_reached', job: 'notifications.ticket_pending_reached' },
      { event: 'ticket.referral_returned', job: 'notifications.ticket_referral_returned' },
    ],
  };
}
