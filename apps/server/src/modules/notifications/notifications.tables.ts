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
}
