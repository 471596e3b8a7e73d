import type { UpdateMailboxBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import type { EmailContext } from '../email.context.ts';
import { assertGroupExists, assertImapComplete, mailboxColumns, secretChanges } from '../mailboxes/mailbox-fields.ts';
import { mailboxPolicy } from '../mailboxes/mailboxes.policy.ts';
import { findMailboxForUpdate, updateMailboxAtVersion, type MailboxRow } from '../mailboxes/mailboxes.repository.ts';

/**
 * Edits a mailbox at the version last read (admin only). `imap.password` / `relay.password` set a
 * new sealed password (null clears it; absent keeps it). `active: false` stops it receiving:
 * mailboxes are deactivated, never deleted, so the mail that came through one keeps its origin.
 */
export const updateMailbox = defineCommand(
  'mailbox.update',
  async (ctx: EmailContext, input: { actor: Actor; id: number } & UpdateMailboxBody): Promise<MailboxRow> => {
    const { actor, id, version, ...body } = input;
    const row = authorizeEdit(mailboxPolicy, actor, 'update', await findMailboxForUpdate(ctx.db, id), version);
    await assertGroupExists(ctx.db, body.groupId, row.group_id);
    const set = { ...mailboxColumns(body), ...secretChanges(ctx.sealKeys, id, body) };
    assertImapComplete({ ...row, ...set } as MailboxRow);
    const updated = await updateMailboxAtVersion(ctx.db, id, row.version, { ...set, updated_at: ctx.clock.now() });
    await recordEvent(ctx.db, ctx.clock, 'mailbox.updated', { mailboxId: id, actorUserId: actorUserId(actor), fields: changed(body) });
    return updated;
  },
);

function changed(body: Omit<UpdateMailboxBody, 'version'>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if ((key === 'imap' || key === 'relay') && value && typeof value === 'object') out.push(...Object.keys(value).map((k) => `${key}.${k}`));
    else out.push(key);
  }
  return out.sort();
}
