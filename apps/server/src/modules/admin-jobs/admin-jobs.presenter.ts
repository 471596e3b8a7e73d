import type { AdminJob, JobStatus } from '@pishkhan/contracts';
import type { JobRow } from '../../platform/jobs/index.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** Row → API object (times ISO-8601, payload parsed from its JSON text). */
export function presentJob(row: JobRow): AdminJob {
  return {
    id: row.id,
    name: row.name,
    status: row.status as JobStatus,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: iso(row.run_at),
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: isoOrNull(row.locked_until),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    finishedAt: isoOrNull(row.finished_at),
    payload: parsePayload(row.payload),
  };
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
