import type { SlaTargets } from '@pishkhan/contracts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import type { Db } from '../../schema.ts';
import { builtInCalendarId } from '../calendars/index.ts';
import { findDefaultPolicy, insertPolicy } from './sla.repository.ts';

const H = 60;
/** Business minutes per priority: a common starting point an admin edits (P1 critical … P4 low). */
export const DEFAULT_TARGETS: SlaTargets = {
  '1': { firstResponse: 30, nextResponse: 1 * H, resolution: 4 * H },
  '2': { firstResponse: 1 * H, nextResponse: 2 * H, resolution: 8 * H },
  '3': { firstResponse: 4 * H, nextResponse: 8 * H, resolution: 3 * 8 * H },
  '4': { firstResponse: 8 * H, nextResponse: 16 * H, resolution: 5 * 8 * H },
};

/** First start: the default policy on the Tehran calendar, when there is none (idempotent). */
export async function ensureDefaultSlaPolicy(db: Db, now: number): Promise<void> {
  if (await findDefaultPolicy(db)) return;
  const calendarId = await builtInCalendarId(db, 'tehran');
  if (calendarId === undefined) return;
  try {
    await insertPolicy(db, {
      name: 'توافق‌نامهٔ استاندارد',
      calendar_id: calendarId,
      targets: JSON.stringify(DEFAULT_TARGETS),
      pause_on_third_party: 0,
      warn_at_percent: 75,
      breach_escalate: 1,
      breach_refer_group_id: null,
      breach_raise_priority: 0,
      default_key: 'default',
      version: 1,
      created_at: now,
      updated_at: now,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
