import { query } from '../shared/api.ts';
import type { DayRange } from '../shared/calendar/DateRangePicker.tsx';
import { dayStart } from './forms.ts';

export interface AuditFilters { action: string; actorUserId: string; targetType: string; targetId: string; range: DayRange | null }

/** The audit query of the filters as typed: blanks left out, a non-numeric actor ignored, `to` the day after the range ends. */
export function auditPath(f: AuditFilters, before: number | null, limit = 50): string {
  const actor = /^\d+$/.test(f.actorUserId.trim()) ? Number(f.actorUserId.trim()) : undefined;
  return `/admin/audit${query({
    action: f.action.trim(),
    actorUserId: actor,
    targetType: f.targetType.trim(),
    targetId: f.targetId.trim(),
    from: f.range ? dayStart(f.range.from) : undefined,
    to: f.range ? dayStart(f.range.to + 1) : undefined,
    before,
    limit,
  })}`;
}
