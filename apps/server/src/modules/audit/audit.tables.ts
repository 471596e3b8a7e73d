import type { Generated } from 'kysely';

export interface AuditTables {
  audit_log: {
    id: Generated<number>;
    at: number;
    actor_user_id: number | null;
    actor_kind: string;
    action: string;
    target_type: string | null;
    target_id: string | null;
    ip: string | null;
    /** JSON object: what changed (never a secret: no passwords, tokens or codes). */
    details: string;
  };
}
