import type { Generated } from 'kysely';

export interface PeopleTables {
  agents: { id: Generated<number>; user_id: number; name: string; active: number; created_at: number; updated_at: number; version: number };
  agent_roles: { agent_id: number; role: string };
  groups: {
    id: Generated<number>;
    name: string;
    name_en: string | null;
    description: string | null;
    active: number;
    created_at: number;
    updated_at: number;
    version: number;
  };
  group_members: { group_id: number; agent_id: number };
  organizations: {
    id: Generated<number>;
    name: string;
    account_manager_id: number | null;
    members_see_each_other: number;
    notes: string | null;
    active: number;
    /** The organisation this one was merged into (migration 202612042000); null unless merged (then inactive). */
    merged_into_id: number | null;
    created_at: number;
    updated_at: number;
    version: number;
  };
  contacts: {
    id: Generated<number>;
    user_id: number | null;
    name: string;
    organization_id: number | null;
    language: string;
    notes: string | null;
    active: number;
    /** The contact this one was merged into (migration 202612042000); null unless merged (then inactive). */
    merged_into_id: number | null;
    created_at: number;
    updated_at: number;
    version: number;
  };
  contact_emails: { id: Generated<number>; contact_id: number; email: string; email_normalized: string; position: number };
  /** Who changed what on a contact (the sign-in link first; other fields as their commands come to record them). */
  contact_history: {
    id: Generated<number>;
    contact_id: number;
    actor_user_id: number | null;
    field: string;
    old_value: string | null;
    new_value: string | null;
    created_at: number;
  };
  contact_phones: { id: Generated<number>; contact_id: number; phone: string; phone_e164: string; position: number };
}
