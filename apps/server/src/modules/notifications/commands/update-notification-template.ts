import type { NotificationKind } from '@pishkhan/contracts';
import { hasRole, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { CommonErrors, DomainError, forbidden } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { NotificationsContext } from '../notifications.context.ts';
import { NotificationErrors } from '../notifications.errors.ts';
import { saveTemplate, type TemplateRow } from '../notifications.repository.ts';
import { PLACEHOLDERS } from '../templates/defaults.ts';
import { unknownPlaceholders } from '../templates/render.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';

/**
 * An admin edits the email template of one kind in one language: text with the kind's
 * placeholders only (an unknown one is 400 notification.unknown_placeholder); `version` is the
 * version read (0 while the default is in use), a concurrent edit is 409 record.stale.
 */
export const updateNotificationTemplate = defineCommand(
  'notification.update_template',
  async (
    ctx: NotificationsContext,
    input: { actor: Actor; kind: NotificationKind; language: 'fa' | 'en'; subject: string; body: string; version: number },
  ): Promise<TemplateRow> => {
    const actor = requireUser(input.actor);
    if (!hasRole(actor, 'admin')) throw forbidden('notification_templates.edit');
    const allowed = PLACEHOLDERS[input.kind];
    if (!allowed) throw invalidInput('kind', 'enum', { allowedValues: Object.keys(PLACEHOLDERS) });
    const unknown = unknownPlaceholders([input.subject, input.body], allowed);
    if (unknown.length > 0) throw new DomainError(NotificationErrors['notification.unknown_placeholder'], { placeholders: unknown.join(', '), allowed });
    if (input.subject.trim().length === 0 || input.body.trim().length === 0) {
      throw invalidInput(input.subject.trim().length === 0 ? 'subject' : 'body', 'blank');
    }
    const row = await saveTemplate(ctx.db, { ...input, userId: actor.userId, now: ctx.clock.now() });
    if (!row) throw new DomainError(CommonErrors['record.stale']);
    return row;
  },
);
