/** Who is on duty and how groups hand out tickets (migration 202612030800). */
export interface DutyTables {
  /** One row per agent once their duty was set (no row: the group's calendar, not away). */
  agent_duty: {
    agent_id: number;
    calendar_id: number | null;
    away_until: number | null;
    away_note: string | null;
    version: number;
    updated_at: number;
  };
  /** One row per group once its assignment was set (no row: mode off, the desk's default calendar). */
  group_assignment: {
    group_id: number;
    mode: string;
    max_open_per_agent: number | null;
    calendar_id: number | null;
    /** The agent round-robin gave the last ticket to: the next turn starts after them. */
    last_agent_id: number | null;
    version: number;
    updated_at: number;
  };
}
