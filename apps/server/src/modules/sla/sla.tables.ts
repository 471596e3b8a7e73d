import type { Generated } from 'kysely';

export interface SlaTables {
  sla_policies: {
    id: Generated<number>;
    name: string;
    calendar_id: number;
    /** JSON: targets per priority in business minutes. */
    targets: string;
    pause_on_third_party: number;
    warn_at_percent: number | null;
    breach_escalate: number;
    breach_refer_group_id: number | null;
    /** 1: a breach raises the ticket's priority one step (never above 1). Migration 202612041001. */
    breach_raise_priority: number;
    default_key: string | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
  sla_rules: {
    id: Generated<number>;
    position: number;
    filter: string;
    policy_id: number;
    version: number;
    created_at: number;
    updated_at: number;
  };
  sla_actions: {
    id: Generated<number>;
    action_key: string;
    ticket_id: number;
    target: string;
    level: string;
    due_at: number;
    created_at: number;
  };
}
