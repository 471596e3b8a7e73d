import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError, notFound } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { assertHeldMailReviewer } from '../inbound/held-mail.policy.ts';
import { InboundErrors } from '../inbound/inbound.errors.ts';
import { findMessage, findMessageForUpdate, setMessageOutcome, type EmailMessageRow } from '../inbound/messages.repository.ts';

/**
 * Rejects a held message: it becomes `rejected` (flag rejected_on_review) and makes no contact and
 * no ticket. Nothing is deleted — its row and raw message stay for download. Reviewers only (403);
 * unknown 404; decided already 409 email.not_held.
 */
export const rejectHeldMail = defineCommand('email.reject_held', async (ctx: { db: Db; clock: Clock }, input: { actor: Actor; id: number }): Promise<EmailMessageRow> => {
  assertHeldMailReviewer(input.actor);
  const row = await findMessageForUpdate(ctx.db, input.id);
  if (!row) throw notFound('email');
  if (row.state !== 'held') throw new DomainError(InboundErrors['email.not_held']);
  const flags = [...new Set([...(JSON.parse(row.flags) as string[]), 'rejected_on_review'])].sort();
  await setMessageOutcome(ctx.db, row.id, { state: 'rejected', flags: JSON.stringify(flags), decided_at: ctx.clock.now() });
  return (await findMessage(ctx.db, row.id))!;
});
