import type { NotificationKind } from '@pishkhan/contracts';
import type { Db } from '../../../schema.ts';
import { storedTemplateOnce } from '../notifications.repository.ts';
import { DEFAULT_TEMPLATES, type TemplateText } from './defaults.ts';

/** The template in use for a kind and language: the admin's stored edit, else the built-in default. */
export async function templateFor(db: Db, kind: NotificationKind, language: 'fa' | 'en'): Promise<TemplateText & { custom: boolean; version: number }> {
  const row = await storedTemplateOnce(db, kind, language);
  if (row) return { subject: row.subject, body: row.body, custom: true, version: row.version };
  return { ...DEFAULT_TEMPLATES[kind][language], custom: false, version: 0 };
}
