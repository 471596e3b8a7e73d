import { useQuery } from '@tanstack/react-query';
import type { Agent, Group } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import type { Names } from './TicketTable.tsx';

type Page<T> = { items: T[]; nextCursor: string | null };

/** Groups and agents for names and pickers (one page of 200 each: a desk of 50 agents fits). */
export function useDirectory() {
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => api.get<Page<Group>>('/groups?limit=200'), staleTime: 60_000 });
  const agents = useQuery({ queryKey: ['agents'], queryFn: () => api.get<Page<Agent>>('/agents?limit=200'), staleTime: 60_000 });
  const names: Names = {
    groups: new Map((groups.data?.items ?? []).map((g) => [g.id, g.name])),
    agents: new Map((agents.data?.items ?? []).map((a) => [a.id, a.name])),
  };
  return { groups: groups.data?.items ?? [], agents: agents.data?.items ?? [], names };
}
