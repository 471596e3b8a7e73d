import type { NotificationData, NotificationKind } from '@pishkhan/contracts';
import type { Tx } from '../../../schema.ts';
import type { NotificationDriver } from '../drivers/types.ts';
import type { TicketFacts } from '../recipients.ts';

/**
 * Notifies each recipient once, through every driver, inside the job's transaction. The user who
 * caused the event is left out (nobody is told about their own act). `sourceKey` is the outbox id
 * (or job id): with the user id it forms the dedupe key, so a redelivered event changes nothing.
 */
export async function notifyUsers(
  trx: Tx,
  drivers: readonly NotificationDriver[],
  input: {
    userIds: readonly number[];
    exceptUserId: number | null;
    kind: NotificationKind;
    ticket: TicketFacts | null;
    data: NotificationData;
    sourceKey: number | string;
    now: number;
  },
): Promise<number> {
  const recipients = [...new Set(input.userIds)].filter((id) => id !== input.exceptUserId).sort((a, b) => a - b);
  const data: NotificationData = input.ticket ? { ticketNumber: input.ticket.number, ticketTitle: input.ticket.title, ...input.data } : input.data;
  for (const userId of recipients) {
    for (const driver of drivers) {
      await driver.deliver(trx, {
        userId,
        kind: input.kind,
        ticketId: input.ticket?.id ?? null,
        data,
        dedupeKey: `${input.sourceKey}:${userId}`,
        createdAt: input.now,
      });
    }
  }
  return recipients.length;
}
