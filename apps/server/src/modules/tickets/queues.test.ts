import { describe, expect, it } from 'vitest';
import type { AgentIdentity } from '../../platform/actor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { checkTicketFilter } from './filter/check.ts';
import { extendTicketFilterFields, ticketFilterFields, timeField } from './filter/fields.ts';
import { BUILTIN_QUEUE_VIEWS, queueFilter, queueViews, type QueueView } from './queues.ts';

const agent = (roles: string[]): AgentIdentity => ({ id: 1, name: 'A', roles: new Set(roles) as AgentIdentity['roles'], groupIds: [2] });

describe('queue views', () => {
  it('are written in the filter language, each naming the indexes that serve it', () => {
    for (const view of BUILTIN_QUEUE_VIEWS) {
      expect(view.indexes.length, view.name).toBeGreaterThan(0);
      for (const roles of [[], ['analyst'], ['supervisor'], ['manager'], ['supervisor', 'manager']]) {
        expect(() => checkTicketFilter(queueFilter(view, agent(roles)), ticketFilterFields), view.name).not.toThrow();
      }
    }
  });

  it('are built at registration: the built-in ones, then other modules’, never changing the built-in list', () => {
    const fields = extendTicketFilterFields(ticketFilterFields, { sla_due_at: timeField('pending_until', true) });
    const breached: QueueView = { name: 'breached', indexes: ['tickets_status_pending'], filter: { field: 'sla_due_at', op: 'older_than', value: { amount: 1, unit: 'minutes' } } };
    const views = queueViews([breached], fields);
    expect(views.map((v) => v.name)).toEqual([...BUILTIN_QUEUE_VIEWS.map((v) => v.name), 'breached']);
    expect(BUILTIN_QUEUE_VIEWS).toHaveLength(7);
    expect(Object.isFrozen(BUILTIN_QUEUE_VIEWS)).toBe(true);
    expect(Object.isFrozen(views)).toBe(true);
  });

  it('refuse a name twice and a filter the field table does not know, at registration', () => {
    expect(() => queueViews([{ name: 'my_open', indexes: ['x'], filter: { all: [] } }], ticketFilterFields)).toThrow(/twice/);
    expect(() => queueViews([{ name: 'breached', indexes: ['x'], filter: { field: 'sla_due_at', op: 'is_null' } }], ticketFilterFields)).toThrow(DomainError);
  });

  it('escalated_to_me follows the reader’s roles: level 1 of their groups for supervisors, level 2 for managers', () => {
    const view = BUILTIN_QUEUE_VIEWS.find((v) => v.name === 'escalated_to_me')!;
    const levels = (roles: string[]) => JSON.stringify(queueFilter(view, agent(roles)));
    expect(levels(['analyst'])).toBe(JSON.stringify({ all: [{ any: [] }, { field: 'escalation_acknowledged', op: 'eq', value: false }] }));
    expect(levels(['supervisor'])).toContain('"value":1');
    expect(levels(['supervisor'])).not.toContain('"value":2');
    expect(levels(['manager'])).toContain('"value":2');
  });
});
