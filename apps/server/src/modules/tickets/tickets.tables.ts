import type { Generated } from 'kysely';

export interface TicketTables {
  categories: {
    id: Generated<number>;
    parent_id: number | null;
    name: string;
    name_en: string | null;
    position: number;
    active: number;
    created_at: number;
    updated_at: number;
    version: number;
  };
  tickets: {
    id: Generated<number>;
    number: number;
    type: string;
    status: string;
    title: string;
    description: string;
    impact: number;
    urgency: number;
    priority: number;
    priority_overridden: number;
    priority_override_reason: string | null;
    priority_override_by: number | null;
    category_id: number | null;
    channel: string;
    requester_contact_id: number | null;
    organization_id: number | null;
    owner_group_id: number | null;
    owner_agent_id: number | null;
    assignee_group_id: number | null;
    assignee_agent_id: number | null;
    escalation_level: number;
    escalated_at: number | null;
    /** Set when the escalation's addressees acknowledged it (migration 202611261620); cleared by a new escalation. */
    escalation_acknowledged_at: number | null;
    pending_until: number | null;
    merged_into_id: number | null;
    created_by_user_id: number | null;
    created_at: number;
    updated_at: number;
    first_response_at: number | null;
    resolved_at: number | null;
    closed_at: number | null;
    /** What a channel sent, as JSON, when text had to be made storable (migration 202612021000); null otherwise. */
    raw_input: string | null;
    version: number;
    /** SLA state (migration 202612030101), written only through applySlaStates (sla-state.ts) for the sla module. */
    sla_policy_id: number | null;
    sla_first_response_due_at: number | null;
    sla_next_response_due_at: number | null;
    sla_resolution_due_at: number | null;
    /** The earliest due time of a target still running (breaching_soon, the "SLA due" column). */
    sla_due_at: number | null;
    /** The earliest instant at which the sweep has something to do (a warning or a breach); indexed with status. */
    sla_next_event_at: number | null;
    /** Business time towards resolution so far, and business time paused (ms). */
    sla_elapsed_ms: Generated<number>;
    sla_paused_ms: Generated<number>;
    sla_first_response_breached: Generated<number>;
    sla_next_response_breached: Generated<number>;
    sla_resolution_breached: Generated<number>;
    /** 1 when any target is breached (the breached view). */
    sla_breached: Generated<number>;
  };
  ticket_tags: { ticket_id: number; tag: string; tag_normalized: string };
  ticket_watchers: { id: Generated<number>; ticket_id: number; agent_id: number | null; contact_id: number | null; created_at: number };
  articles: {
    id: Generated<number>;
    ticket_id: number;
    /** reply | note | event */
    kind: string;
    internal: number;
    channel: string;
    author_user_id: number | null;
    author_system: string | null;
    /** agent | contact | system: the side of the person who wrote it. */
    author_kind: string;
    /** The contact who wrote it (contact side), also when no sign-in is behind it (mail, SMS). */
    author_contact_id: number | null;
    body: string;
    /** JSON of the body as a channel brought it, when it held text the databases cannot store. */
    raw_body: string | null;
    event_type: string | null;
    event_data: string | null;
    original_ticket_id: number | null;
    created_at: number;
  };
  attachments: {
    id: Generated<number>;
    ticket_id: number;
    article_id: number | null;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    internal: number;
    uploaded_by_user_id: number | null;
    created_at: number;
  };
  ticket_relations: {
    id: Generated<number>;
    kind: string;
    source_ticket_id: number;
    target_ticket_id: number;
    created_by_user_id: number | null;
    created_at: number;
  };
  /** Every agent a ticket was ever assigned to (migration 202612021100): they keep reading it. */
  ticket_past_assignees: { ticket_id: number; agent_id: number; first_assigned_at: number };
  ticket_history: {
    id: Generated<number>;
    ticket_id: number;
    actor_user_id: number | null;
    actor_system: string | null;
    field: string;
    old_value: string | null;
    new_value: string | null;
    created_at: number;
  };
}
