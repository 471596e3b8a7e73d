import type { Generated } from 'kysely';

/** Tables owned by the platform (not by a domain module). Times are UTC epoch milliseconds. */
export interface PlatformTables {
  settings: { key: string; value: string; updated_at: number };
  counters: { name: string; value: number };
  /** `pishkhan secret rotate`: one row per rotation, re-sealing under key `key_id` (ADR 0022). */
  secret_rotations: {
    id: Generated<number>;
    key_id: string;
    /** running | done */
    status: string;
    resealed: number;
    started_at: number;
    finished_at: number | null;
  };
  one_time_tokens: {
    id: Generated<number>;
    token_hash: string;
    purpose: string;
    subject: string;
    expires_at: number;
    used_at: number | null;
    created_at: number;
  };
  outbox: {
    id: Generated<number>;
    event: string;
    payload: string;
    created_at: number;
    dispatched_at: number | null;
  };
  jobs: {
    id: Generated<number>;
    name: string;
    payload: string;
    /** ready | running | done | dead */
    status: string;
    run_at: number;
    attempts: number;
    max_attempts: number;
    locked_by: string | null;
    locked_until: number | null;
    last_error: string | null;
    /** Enqueuing the same key twice is a no-op (idempotent enqueue). */
    unique_key: string | null;
    /** The user the job acts for (its actor is reloaded at run time); null: a system actor. */
    acting_user_id: number | null;
    created_at: number;
    updated_at: number;
    finished_at: number | null;
  };
  job_schedules: { name: string; slot: string; created_at: number };
  /** One row per idempotency key a command has seen; `result` is the first call's JSON result. */
  idempotency_keys: { scope: string; key: string; result: string | null; created_at: number };
  /** The search index's records (platform/search; migration 202612021300): doc_id = ref_id × 4 + kind code. */
  search_entries: { doc_id: number; kind: string; ref_id: number; updated_at: number };
  /** The lexicon of indexed words (typo candidates). */
  search_terms: { term: string };
  /** Progress of index rebuilds (`pishkhan reindex`): running | done. */
  search_rebuilds: {
    id: Generated<number>;
    status: string;
    total: number;
    done: number;
    started_at: number;
    updated_at: number;
    finished_at: number | null;
  };
}
