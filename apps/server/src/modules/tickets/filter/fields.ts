import type { TicketFilterOp } from '@pishkhan/contracts';
import { agentSideOf } from '../../../platform/actor.ts';
import { ticketsOfOrganizationsManagedBy } from './account-manager.repository.ts';
import { TICKET_CHANNELS } from '@pishkhan/contracts';
import type { DB } from '../../../schema.ts';
import { STATUSES } from '../lifecycle.ts';
import type { TicketWhere } from './ticket-filter.repository.ts';
import type { TicketFilterContext } from './plan.ts';

/** A column of the tickets table that a filter field reads. */
export type TicketColumn = keyof DB['tickets'] & string;

/**
 * What kind of value a field holds, which decides the values an operator accepts:
 * enum (one of `values`), integer (`min`…`max`), id (a record id), time (epoch ms; ISO instants
 * in filters), text (contains), tag (the ticket's tags, matched normalised), presence (a time
 * column read as a boolean: set or not), custom (another module's field: it compiles its own
 * where-expression, e.g. search's `text`, from a checked text value).
 */
export type TicketFilterFieldKind = 'enum' | 'integer' | 'id' | 'time' | 'text' | 'tag' | 'presence' | 'custom';

/** One field of the filter language: where it is stored, its kind, its operators and the references it takes. */
export interface TicketFilterField {
  kind: TicketFilterFieldKind;
  /** The tickets column (for `tag`: none, the ticket_tags table is read). */
  column: TicketColumn | null;
  nullable: boolean;
  ops: readonly TicketFilterOp[];
  /** enum: the allowed values. */
  values?: readonly string[];
  /** integer: bounds. */
  min?: number;
  max?: number;
  /** Whether `@me` may stand for a value, and whose id it is: the reader's agent or contact. */
  me?: 'agent' | 'contact';
  /** Whether `@my_groups` may stand for the list of an in / not_in. */
  myGroups?: boolean;
  /**
   * custom: the where-expression of the field's `contains` value, for this reader (may throw a 400
   * DomainError for a bad value). An id field with `compile` (account_manager) has no tickets column:
   * its checked value (an id or `@me`) compiles to a subquery.
   */
  compile?: (value: string, context: TicketFilterContext) => TicketWhere;
}

export type TicketFilterFields = Readonly<Record<string, TicketFilterField>>;

const EQUALITY: readonly TicketFilterOp[] = ['eq', 'neq', 'in', 'not_in'];
const NULLS: readonly TicketFilterOp[] = ['is_null', 'is_not_null'];
const ORDER: readonly TicketFilterOp[] = ['gt', 'gte', 'lt', 'lte'];
const RELATIVE: readonly TicketFilterOp[] = ['older_than', 'newer_than', 'sooner_than', 'later_than'];

/** An enum field (status, type, channel): equality against the listed values. */
export function enumField(column: TicketColumn, values: readonly string[]): TicketFilterField {
  return { kind: 'enum', column, nullable: false, ops: EQUALITY, values };
}

/** An integer field: equality and order within bounds. */
export function integerField(column: TicketColumn, min: number, max: number): TicketFilterField {
  return { kind: 'integer', column, nullable: false, ops: [...EQUALITY, ...ORDER], min, max };
}

/** A reference to another record (group, agent, contact …): equality, and null tests when it may be unset. */
export function idField(column: TicketColumn, options: { nullable: boolean; me?: 'agent' | 'contact'; myGroups?: boolean }): TicketFilterField {
  const { nullable, ...refs } = options;
  return { kind: 'id', column, nullable, ops: nullable ? [...EQUALITY, ...NULLS] : EQUALITY, ...refs };
}

/** A time: order against instants, relative to now, and null tests when it may be unset. */
export function timeField(column: TicketColumn, nullable: boolean): TicketFilterField {
  return { kind: 'time', column, nullable, ops: nullable ? [...ORDER, ...RELATIVE, ...NULLS] : [...ORDER, ...RELATIVE] };
}

/** An id field's value for the reader: `@me` is their agent id (undefined without an agent side). */
function agentIdOf(value: unknown, context: TicketFilterContext): number | undefined {
  return value === '@me' ? agentSideOf(context.actor)?.id : (value as number);
}

const TYPES_READ = ['incident', 'service_request', 'problem', 'change'];

/**
 * The fields of today's tickets columns. Later issues add theirs by passing extra fields to
 * registerTickets (`filterFields`), which builds the table with extendTicketFilterFields.
 */
export const ticketFilterFields: TicketFilterFields = Object.freeze({
  status: enumField('status', STATUSES),
  type: enumField('type', TYPES_READ),
  channel: enumField('channel', TICKET_CHANNELS),
  priority: integerField('priority', 1, 4),
  impact: integerField('impact', 1, 3),
  urgency: integerField('urgency', 1, 3),
  escalation_level: integerField('escalation_level', 0, 2),
  number: integerField('number', 1, Number.MAX_SAFE_INTEGER),
  group: idField('assignee_group_id', { nullable: true, myGroups: true }),
  assignee: idField('assignee_agent_id', { nullable: true, me: 'agent' }),
  owner_group: idField('owner_group_id', { nullable: true, myGroups: true }),
  owner_agent: idField('owner_agent_id', { nullable: true, me: 'agent' }),
  requester: idField('requester_contact_id', { nullable: true, me: 'contact' }),
  organization: idField('organization_id', { nullable: true }),
  // The organisation's account manager (people's organizations.account_manager_id): `eq @me` or an agent id.
  account_manager: { kind: 'id', column: null, nullable: false, ops: ['eq'], me: 'agent', compile: (value, context) => ticketsOfOrganizationsManagedBy(agentIdOf(value, context)) },
  category: idField('category_id', { nullable: true }),
  tag: { kind: 'tag', column: null, nullable: false, ops: EQUALITY },
  escalation_acknowledged: { kind: 'presence', column: 'escalation_acknowledged_at', nullable: false, ops: ['eq', 'neq'] },
  created_at: timeField('created_at', false),
  updated_at: timeField('updated_at', false),
  resolved_at: timeField('resolved_at', true),
  first_response_at: timeField('first_response_at', true),
  pending_until: timeField('pending_until', true),
  // SLA state (sla-state.ts): the earliest open due time, and whether any target is breached.
  sla_due: timeField('sla_due_at', true),
  sla_breached: integerField('sla_breached', 0, 1),
  title: { kind: 'text', column: 'title', nullable: false, ops: ['contains'] },
});

/** The field table with more fields (a later issue's); a name already taken is a programming error. */
export function extendTicketFilterFields(base: TicketFilterFields, extra: TicketFilterFields = {}): TicketFilterFields {
  for (const name of Object.keys(extra)) {
    if (Object.hasOwn(base, name)) throw new Error(`ticket filter field "${name}" is defined twice`);
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`ticket filter field "${name}" is not a lower_snake name`);
  }
  return Object.freeze({ ...base, ...extra });
}
