import { useQuery } from '@tanstack/react-query';
import type { Calendar } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { ADMIN_KEY } from './admin-kit.tsx';

export type CalendarSummary = Omit<Calendar, 'holidays' | 'week' | 'dateHours'>;

/** The business calendars (agents read them; the SLA, group and agent forms choose one). */
export function useCalendars() {
  return useQuery({ queryKey: [...ADMIN_KEY, 'calendars'], queryFn: () => api.get<{ items: CalendarSummary[] }>('/admin/calendars') });
}
