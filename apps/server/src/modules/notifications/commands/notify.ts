import type { NotificationData, NotificationKind } from '@pishkhan/contracts';
import { isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import type { NotificationRecipient } from '../drivers/types.ts';
import type { NotifyContext } from '../notifications.context.ts';
import { switchedOff } from '../notifications.repository.ts';
import { recipientFacts } from '../recipient-languages.ts';
import type { TicketFacts } from '../recipients.ts';

const keyOf = (r: NotificationRecipient) => (r.kind === 'user' ? `user:${r.userId}` : `contact:${r.contactId}`);

/**
 * Notifies each recipient (user or contact) once, in their language, through every driver the
 * recipient has not switched off for this kind, inside the job's transaction. Only the system
 * notifies (the jobs reacting to events act as it). The user who caused the event is left out
 * (nobody is told about their own act), also when they are the contact addressed. `sourceKey` is
 * the outbox id (or job id): with the recipient it forms the dedupe key, so a redelivered event
 * changes nothing. Returns how many recipients were addressed.
 */
export const notify = defineCommand(
  'notifications.notify',
  async (
    ctx: NotifyContext,
    input: {
      actor: Actor;
      recipients: readonly NotificationRecipient[];
      exceptUserId: number | null;
      kind: NotificationKind;
      ticket: TicketFacts | null;
      data: NotificationData;
      sourceKey: number | string;
    },
  ): Promise<number> => {
    if (!isTrustedSystem(input.actor)) throw forbidden('notify');
    const unique = new Map<string, NotificationRecipient>();
    for (const r of input.recipients) if (!(r.kind === 'user' && r.userId === input.exceptUserId)) unique.set(keyOf(r), r);
    const sorted = [...unique.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([, r]) => r);
    const factsOf = await recipientFacts(ctx.db, sorted);
    const recipients = sorted.filter((r) => input.exceptUserId === null || factsOf(r).userId !== input.exceptUserId);
    const off = await switchedOff(
      ctx.db,
      recipients.flatMap((r) => (factsOf(r).userId === null ? [] : [factsOf(r).userId!])),
      input.kind,
    );
    const data: NotificationData = input.ticket ? { ticketNumber: input.ticket.number, ticketTitle: input.ticket.title, ...input.data } : input.data;
    const now = ctx.clock.now();
    for (const recipient of recipients) {
      const { language, userId, contact } = factsOf(recipient);
      for (const driver of ctx.drivers) {
        if (userId !== null && off.has(`${userId}:${driver.name}`)) continue;
        await driver.deliver(ctx.db, {
          recipient,
          userId,
          language,
          kind: input.kind,
          ticketId: input.ticket?.id ?? null,
          ticket: input.ticket,
          ...(contact ? { contact } : {}),
          data,
          dedupeKey: `${input.sourceKey}:${keyOf(recipient)}`,
          createdAt: now,
        });
      }
    }
    return recipients.length;
  },
);
