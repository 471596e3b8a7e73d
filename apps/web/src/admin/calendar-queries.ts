import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Calendar } from '@pishkhan/contracts';
import { api, ApiError } from '../shared/api.ts';
import { ADMIN_KEY, useAdminWrite } from './admin-kit.tsx';

export type CalendarSummary = Omit<Calendar, 'holidays' | 'week' | 'dateHours'>;

/** The business calendars (agents read them; the SLA, group and agent forms choose one). */
export function useCalendars() {
  return useQuery({ queryKey: [...ADMIN_KEY, 'calendars'], queryFn: () => api.get<{ items: CalendarSummary[] }>('/admin/calendars') });
}

/**
 * A write at the version read (useAdminWrite) that, when the server answers `record.stale` (someone
 * changed it meanwhile), re-reads the admin data: the message stays on screen, the draft is kept,
 * and the next submit goes at the fresh version.
 */
export function useVersionedWrite<A, R = unknown>(write: (args: A) => Promise<R>, onDone?: (result: R) => void) {
  const client = useQueryClient();
  const mutation = useAdminWrite(write, onDone);
  const stale = mutation.error instanceof ApiError && mutation.error.code === 'record.stale';
  useEffect(() => {
    if (stale) void client.invalidateQueries({ queryKey: ADMIN_KEY });
  }, [stale, client]);
  return mutation;
}
