import { NOTIFICATION_KINDS, type NotificationKind, type NotificationTemplate, type NotificationTemplatePreviewBody, type RenderedMail } from '@pishkhan/contracts';
import { hasRole, type Actor } from '../../platform/actor.ts';
import { DomainError, forbidden } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/policy/index.ts';
import type { Db } from '../../schema.ts';
import { NotificationErrors } from './notifications.errors.ts';
import { listTemplateRows, type TemplateRow } from './notifications.repository.ts';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, SAMPLE_VALUES } from './templates/defaults.ts';
import { renderTemplate, unknownPlaceholders } from './templates/render.ts';
import { templateFor } from './templates/template-source.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';

function assertTemplateAdmin(actor: Actor): void {
  if (!hasRole(requireUser(actor), 'admin')) throw forbidden('notification_templates.read');
}

export function presentTemplate(kind: NotificationKind, language: 'fa' | 'en', row: Pick<TemplateRow, 'subject' | 'body' | 'version'> | undefined): NotificationTemplate {
  const text = row ?? { ...DEFAULT_TEMPLATES[kind][language], version: 0 };
  return { kind, language, subject: text.subject, body: text.body, custom: row !== undefined, placeholders: [...PLACEHOLDERS[kind]], version: text.version };
}

/** Every kind in both languages, the stored edit where there is one (admins only). */
export async function listNotificationTemplates(db: Db, actor: Actor): Promise<{ items: NotificationTemplate[] }> {
  assertTemplateAdmin(actor);
  const rows = new Map((await listTemplateRows(db)).map((r) => [`${r.kind}:${r.language}`, r]));
  return { items: NOTIFICATION_KINDS.flatMap((kind) => (['fa', 'en'] as const).map((lang) => presentTemplate(kind, lang, rows.get(`${kind}:${lang}`)))) };
}

/** Renders the stored template, or the draft given, with sample data — exactly as a mail would be (admins only; writes nothing). */
export async function previewNotificationTemplate(db: Db, actor: Actor, input: NotificationTemplatePreviewBody): Promise<RenderedMail> {
  assertTemplateAdmin(actor);
  const stored = await templateFor(db, input.kind, input.language);
  const template = { subject: input.subject ?? stored.subject, body: input.body ?? stored.body };
  const unknown = unknownPlaceholders([template.subject, template.body], PLACEHOLDERS[input.kind]);
  if (unknown.length > 0) throw new DomainError(NotificationErrors['notification.unknown_placeholder'], { placeholders: unknown.join(', ') });
  if (template.subject.trim() === '' || template.body.trim() === '') throw invalidInput(template.subject.trim() === '' ? 'subject' : 'body', 'blank');
  return renderTemplate(template, SAMPLE_VALUES[input.language], input.language);
}
