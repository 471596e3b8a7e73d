import type { CreateMailboxBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { defaultGroupId } from '../../people/index.ts';
import type { EmailContext } from '../email.context.ts';
import { assertGroupExists, assertImapComplete, mailboxColumns, secretChanges } from '../mailboxes/mailbox-fields.ts';
import { assertCanCreateMailbox } from '../mailboxes/mailboxes.policy.ts';
import { findMailboxRow, insertMailbox, setMailboxSecrets, type MailboxRow } from '../mailboxes/mailboxes.repository.ts';

/** Adds a mailbox (admin only): an address routed to a group, read by SMTP or IMAP, with an optional outgoing relay. Passwords are sealed. */
export const createMailbox = defineCommand(
  'mailbox.create',
  async (ctx: EmailContext, input: { actor: Actor } & CreateMailboxBody): Promise<MailboxRow> => {
    const { actor, ...body } = input;
    assertCanCreateMailbox(actor);
    await assertGroupExists(ctx.db, body.groupId);
    const now = ctx.clock.now();
    const columns = mailboxColumns(body);
    const values = {
      address: columns.address!,
      address_key: columns.address_key!,
      name: columns.name ?? null,
      group_id: body.groupId ?? (await defaultGroup(ctx)),
      kind: body.kind,
      imap_host: columns.imap_host ?? null,
      imap_port: columns.imap_port ?? null,
      imap_tls: columns.imap_tls ?? 1,
      imap_user: columns.imap_user ?? null,
      imap_password_sealed: null,
      imap_folder: columns.imap_folder ?? 'INBOX',
      imap_processed_folder: columns.imap_processed_folder ?? null,
      imap_rejected_folder: columns.imap_rejected_folder ?? 'Pishkhan-rejected',
      relay_host: columns.relay_host ?? null,
      relay_port: columns.relay_port ?? null,
      relay_security: columns.relay_security ?? 'starttls',
      relay_user: columns.relay_user ?? null,
      relay_password_sealed: null,
      active: columns.active ?? 1,
      created_at: now,
    };
    assertImapComplete(values);
    const id = await insertMailbox(ctx.db, values);
    await setMailboxSecrets(ctx.db, id, secretChanges(ctx.sealKeys, id, body));
    await recordEvent(ctx.db, ctx.clock, 'mailbox.created', { mailboxId: id, actorUserId: actorUserId(actor) });
    return (await findMailboxRow(ctx.db, id))!;
  },
);

async function defaultGroup(ctx: EmailContext): Promise<number> {
  const id = await defaultGroupId(ctx.db);
  if (id === null) throw new Error('No group exists yet: bootstrap creates "Service Desk" first');
  return id;
}
