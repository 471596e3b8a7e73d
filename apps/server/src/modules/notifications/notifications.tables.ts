import type { Generated } from 'kysely';

export interface NotificationTables {
  notifications: {
    id: Generated<number>;
    user_id: number;
    kind: string;
    ticket_id: number | null;
    data: string;
    dedupe_key: string | null;
    created_at: number;
    read_at: number | null;
  };
  /** Admin-edited email templates (issue 10); a missing row means the built-in default (templates/defaults.ts). */
  notification_templates: {
    id: Generated<number>;
    kind: string;
    language: string;
    subject: string;
    body: string;
    updated_by_user_id: number | null;
    updated_at: number;
    version: number;
  };
  /** A user's switch of one kind on one channel; no row = on. */
  notification_preferences: {
    id: Generated<number>;
    user_id: number;
    kind: string;
    channel: string;
    enabled: number;
    updated_at: number;
  };
}
