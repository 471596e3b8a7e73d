import type { NotificationKind } from '@pishkhan/contracts';
import { hasRole, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { AppContext } from '../../../context.ts';
import { findMailboxRow } from '../mailboxes/mailboxes.repository.ts';
import { saveMailboxSwitch } from '../outbound/outbound.repository.ts';

/** An admin turns notification kinds on or off for the mail a mailbox sends (every kind on until turned off). Unknown mailbox → 404. */
export const setMailboxNotifications = defineCommand(
  'email.set_mailbox_notifications',
  async (ctx: AppContext, input: { actor: Actor; mailboxId: number; items: ReadonlyArray<{ kind: NotificationKind; enabled: boolean }> }): Promise<{ changed: number }> => {
    const actor = requireUser(input.actor);
    if (!hasRole(actor, 'admin')) throw forbidden('email.mailbox_notifications');
    if (!(await findMailboxRow(ctx.db, input.mailboxId))) throw notFound('mailbox');
    const now = ctx.clock.now();
    for (const item of input.items) await saveMailboxSwitch(ctx.db, { mailboxId: input.mailboxId, kind: item.kind, enabled: item.enabled, now });
    return { changed: input.items.length };
  },
);
