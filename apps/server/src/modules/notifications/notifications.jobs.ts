import type { NotificationData, NotificationKind } from '@pishkhan/contracts';
import { defineJob, type AppContext } from '../../context.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Contribution } from '../../platform/modules.ts';
import type { Db } from '../../schema.ts';
import { notify } from './commands/notify.ts';
import type { NotificationDriver, NotificationRecipient } from './drivers/types.ts';
import { articleFacts, ticketNotificationFacts as findTicketFacts } from '../tickets/index.ts';
import {
  actorNameOf,
  contacts,
  customerSide,
  managerUserIds,
  memberUserIds,
  referralRecipientUserIds,
  supervisorUserIdsOfGroup,
  userIdsOfAgents,
  users,
  type TicketFacts,
} from './recipients.ts';

/** The customer notice of a status a ticket moved to (other statuses notify nobody). */
const STATUS_NOTICES: Readonly<Record<string, NotificationKind>> = {
  pending_customer: 'ticket.waiting_for_customer',
  resolved: 'ticket.resolved',
  closed: 'ticket.closed',
};

/**
 * The notification jobs and their subscriptions to ticket events (installed by app.ts). Each
 * handler reads the current facts in the job's transaction (so a stale event does not notify
 * someone who is no longer concerned), picks the recipients and hands them to the drivers. Only
 * ids, the ticket's number and title and who acted travel: never article text, so no internal note
 * can leak into a notification. At least once: a re-run job meets the same dedupe keys.
 */
export function notificationJobs(ctx: AppContext, drivers: readonly NotificationDriver[]): Pick<Contribution, 'jobs' | 'subscriptions'> {
  const send = async (
    trx: Db,
    input: { recipients: NotificationRecipient[]; exceptUserId: number | null; kind: NotificationKind; ticket: TicketFacts | null; data: NotificationData; sourceKey: number },
  ) => {
    const actorName = input.data.actorName ?? (await actorNameOf(trx, { userId: input.data.actorUserId ?? null }));
    await notify({ db: trx, clock: ctx.clock, drivers }, { actor: systemActor(), ...input, data: actorName === undefined ? input.data : { ...input.data, actorName } });
  };

  const ticketAssigned = defineJob('notifications.ticket_assigned', {
    async handler({ payload: event, trx }) {
      const { ticketId, agentId, groupId, actorUserId } = event.payload;
      if (agentId === null) return;
      const ticket = await findTicketFacts(trx, ticketId);
      if (!ticket || ticket.assigneeAgentId !== agentId) return;
      await send(trx, {
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
        await send(trx, {
          recipients: users(await referralRecipientUserIds(trx, groupId, ticket.assigneeAgentId, event.occurredAt)),
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
      await send(trx, {
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
      await send(trx, {
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
      await send(trx, {
        recipients: users(await userIdsOfAgents(trx, [ownerAgentId])),
        exceptUserId: actorUserId,
        kind: 'ticket.referral_returned',
        ticket,
        data: { actorUserId, groupId: ownerGroupId },
        sourceKey: event.outboxId,
      });
    },
  });

  // A new ticket: the requester hears it was received; the agents of its group that it arrived.
  const ticketCreated = defineJob('notifications.ticket_created', {
    async handler({ payload: event, trx }) {
      const { ticketId, actorUserId } = event.payload;
      const ticket = await findTicketFacts(trx, ticketId);
      if (!ticket) return;
      if (ticket.requesterContactId !== null) {
        await send(trx, {
          recipients: contacts([ticket.requesterContactId]),
          exceptUserId: null,
          kind: 'ticket.received',
          ticket,
          data: { actorUserId },
          sourceKey: event.outboxId,
        });
      }
      const groupId = ticket.assigneeGroupId ?? ticket.ownerGroupId;
      if (groupId !== null) {
        await send(trx, {
          recipients: users(await memberUserIds(trx, groupId)),
          exceptUserId: actorUserId,
          kind: 'ticket.new_in_group',
          ticket,
          data: { actorUserId, groupId, ...(await requesterName(trx, ticket, actorUserId)) },
          sourceKey: event.outboxId,
        });
      }
    },
  });

  // A public reply: from the desk, the customer side hears of it; from a contact, the agent working it.
  const articleAdded = defineJob('notifications.article_added', {
    async handler({ payload: event, trx }) {
      const { ticketId, articleId, kind, internal, actorUserId } = event.payload;
      if (kind !== 'reply' || internal) return;
      const [ticket, article] = await Promise.all([findTicketFacts(trx, ticketId), articleFacts(trx, articleId)]);
      if (!ticket || !article || article.internal) return;
      if (article.authorKind === 'agent') {
        await send(trx, {
          recipients: await customerSide(trx, ticket),
          exceptUserId: actorUserId,
          kind: 'ticket.public_reply',
          ticket,
          data: { actorUserId, articleId },
          sourceKey: event.outboxId,
        });
      } else if (article.authorKind === 'contact') {
        const agentIds = [ticket.assigneeAgentId, ticket.ownerAgentId].filter((id): id is number => id !== null);
        const actorName = await actorNameOf(trx, { userId: article.authorUserId, contactId: article.authorContactId });
        await send(trx, {
          recipients: users(await userIdsOfAgents(trx, agentIds)),
          exceptUserId: actorUserId,
          kind: 'ticket.customer_replied',
          ticket,
          data: { actorUserId, articleId, ...(actorName === undefined ? {} : { actorName }) },
          sourceKey: event.outboxId,
        });
      }
    },
  });

  // Waiting for you, resolved (confirm or reopen), closed: the requester hears of it.
  const statusChanged = defineJob('notifications.status_changed', {
    async handler({ payload: event, trx }) {
      const { ticketId, to, actorUserId, quiet } = event.payload;
      const kind = STATUS_NOTICES[to];
      // A catch-up close (the sweep closing what was due long ago) is bookkeeping, not news.
      if (!kind || quiet) return;
      const ticket = await findTicketFacts(trx, ticketId);
      // A stale event (the ticket moved on) or a merge (the source closes into its target) tells nobody.
      if (!ticket || ticket.status !== to || ticket.mergedIntoId !== null || ticket.requesterContactId === null) return;
      await send(trx, {
        recipients: contacts([ticket.requesterContactId]),
        exceptUserId: actorUserId,
        kind,
        ticket,
        data: { actorUserId },
        sourceKey: event.outboxId,
      });
    },
  });

  // An SLA warning or breach (the sweep, once per ticket, target and level): the assignee and the
  // assignee group's members hear of it; the breach's escalation tells the supervisors on its own.
  const slaNotice = (job: 'notifications.sla_warning' | 'notifications.sla_breached', kind: 'ticket.sla_warning' | 'ticket.sla_breached') =>
    defineJob(job, {
      async handler({ payload: event, trx }) {
        const { ticketId, target, dueAt } = event.payload;
        const ticket = await findTicketFacts(trx, ticketId);
        if (!ticket || ticket.mergedIntoId !== null) return;
        const assignee = ticket.assigneeAgentId === null ? [] : await userIdsOfAgents(trx, [ticket.assigneeAgentId]);
        const group = ticket.assigneeGroupId === null ? [] : await memberUserIds(trx, ticket.assigneeGroupId);
        await send(trx, {
          recipients: users([...new Set([...assignee, ...group])]),
          exceptUserId: null,
          kind,
          ticket,
          data: { actorUserId: null, slaTarget: target, dueAt: new Date(dueAt).toISOString() },
          sourceKey: event.outboxId,
        });
      },
    });
  const slaWarning = slaNotice('notifications.sla_warning', 'ticket.sla_warning');
  const slaBreached = slaNotice('notifications.sla_breached', 'ticket.sla_breached');

  // A contract ends soon (the contracts module's daily notice, once per contract and end date): its account manager hears of it.
  const contractExpiring = defineJob('notifications.contract_expiring', {
    async handler({ payload: event, trx }) {
      const { contractId, name, endsOn, accountManagerId } = event.payload;
      await send(trx, {
        recipients: users(await userIdsOfAgents(trx, [accountManagerId])),
        exceptUserId: null,
        kind: 'contract.expiring',
        ticket: null,
        data: { actorUserId: null, contractId, contractName: name, endsOn },
        sourceKey: event.outboxId,
      });
    },
  });

  return {
    jobs: [ticketAssigned, ticketEscalated, ticketPendingReached, ticketReferralReturned, ticketCreated, articleAdded, statusChanged, slaWarning, slaBreached, contractExpiring],
    // Inline (ADR 0031): the bell's rows and the mails queued (`email.send_message` sends them) through
    // `trx`, under dedupe keys of the outbox id; nothing here talks to the network.
    subscriptions: [
      { event: 'ticket.assigned', job: 'notifications.ticket_assigned', inline: true },
      { event: 'ticket.escalated', job: 'notifications.ticket_escalated', inline: true },
      { event: 'ticket.pending_reached', job: 'notifications.ticket_pending_reached', inline: true },
      { event: 'ticket.referral_returned', job: 'notifications.ticket_referral_returned', inline: true },
      { event: 'ticket.created', job: 'notifications.ticket_created', inline: true },
      { event: 'ticket.article_added', job: 'notifications.article_added', inline: true },
      { event: 'ticket.status_changed', job: 'notifications.status_changed', inline: true },
      { event: 'ticket.sla_warning', job: 'notifications.sla_warning', inline: true },
      { event: 'ticket.sla_breached', job: 'notifications.sla_breached', inline: true },
      { event: 'contract.expiring', job: 'notifications.contract_expiring', inline: true },
    ],
  };
}

/** Who a new ticket is from, to show the group: the requester's name when a channel or the customer opened it. */
async function requesterName(trx: Db, ticket: TicketFacts, actorUserId: number | null): Promise<{ actorName?: string }> {
  const name = await actorNameOf(trx, { userId: actorUserId, contactId: ticket.requesterContactId });
  return name === undefined ? {} : { actorName: name };
}
