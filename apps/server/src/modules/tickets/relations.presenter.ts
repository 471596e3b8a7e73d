import type { Relation, RelationKind } from '@pishkhan/contracts';
import type { RelationRow } from './relations.repository.ts';

export interface TicketRefRow {
  id: number;
  number: number;
  title: string;
  status: string;
}

/** A relation seen from one of its tickets: the direction and the other ticket. */
export function presentRelation(row: RelationRow, fromTicketId: number, other: TicketRefRow): Relation {
  return {
    id: row.id,
    kind: row.kind as RelationKind,
    direction: row.source_ticket_id === fromTicketId ? 'outgoing' : 'incoming',
    ticket: { id: other.id, number: other.number, title: other.title, status: other.status },
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The relation's other ticket, seen from `fromTicketId`. */
export function otherTicketOf(row: Pick<RelationRow, 'source_ticket_id' | 'target_ticket_id'>, fromTicketId: number): number {
  return row.source_ticket_id === fromTicketId ? row.target_ticket_id : row.source_ticket_id;
}
