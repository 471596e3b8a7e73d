import { describe, expect, it } from 'vitest';
import { TICKET_CHANNELS, TICKET_STATUSES, TICKET_TYPES } from '@pishkhan/contracts';
import { canTransition, CHANNELS, nextStatuses, STATUSES, TYPES, type TransitionCause } from './lifecycle.ts';

const CAUSES: TransitionCause[] = ['agent', 'customer', 'third_party', 'system', 'inbound_mail'];

/**
 * DESIGN.md §2 "Ticket lifecycle", written out by hand as (from, to, cause) — not derived from
 * lifecycle.ts. pending-until is reached by the system; customers reply by portal or mail.
 */
const ALLOWED = new Set(
  [
    ['new', 'open', 'agent'],
    ['new', 'pending_customer', 'agent'],
    ['new', 'pending_third_party', 'agent'],
    ['open', 'pending_customer', 'agent'],
    ['open', 'pending_third_party', 'agent'],
    ['pending_customer', 'open', 'agent'],
    ['pending_customer', 'open', 'customer'],
    ['pending_customer', 'open', 'inbound_mail'],
    ['pending_customer', 'open', 'system'],
    ['pending_third_party', 'open', 'agent'],
    ['pending_third_party', 'open', 'third_party'],
    ['pending_third_party', 'open', 'system'],
    ['new', 'resolved', 'agent'],
    ['open', 'resolved', 'agent'],
    ['pending_customer', 'resolved', 'agent'],
    ['pending_third_party', 'resolved', 'agent'],
    ['resolved', 'open', 'customer'],
    ['resolved', 'open', 'inbound_mail'],
    ['resolved', 'open', 'agent'],
    ['resolved', 'closed', 'customer'],
    ['resolved', 'closed', 'agent'],
    ['resolved', 'closed', 'system'],
    ['closed', 'open', 'inbound_mail'],
  ].map((t) => t.join(' ')),
);

describe('ticket lifecycle', () => {
  it('allows exactly the transitions of the design table, for every status pair and cause', () => {
    let checked = 0;
    for (const from of STATUSES)
      for (const to of STATUSES)
        for (const cause of CAUSES) {
          expect(canTransition(from, to, cause), `${from} → ${to} by ${cause}`).toBe(ALLOWED.has(`${from} ${to} ${cause}`));
          checked++;
        }
    expect(checked).toBe(6 * 6 * 5);
  });

  it('no agent, portal or API transition leaves closed', () => {
    for (const to of STATUSES) for (const cause of CAUSES.filter((c) => c !== 'inbound_mail')) expect(canTransition('closed', to, cause)).toBe(false);
  });

  it('refuses unknown statuses', () => {
    expect(canTransition('archived', 'open', 'agent')).toBe(false);
    expect(canTransition('open', 'archived', 'agent')).toBe(false);
  });

  it('lists the statuses an agent can choose next', () => {
    expect(nextStatuses('new')).toEqual(['open', 'pending_customer', 'pending_third_party', 'resolved']);
    expect(nextStatuses('open')).toEqual(['pending_customer', 'pending_third_party', 'resolved']);
    expect(nextStatuses('pending_customer')).toEqual(['open', 'resolved']);
    expect(nextStatuses('resolved')).toEqual(['open', 'closed']);
    expect(nextStatuses('closed')).toEqual([]);
    expect(nextStatuses('resolved', 'customer')).toEqual(['open', 'closed']);
  });

  it('the API contracts name the same statuses, types and channels', () => {
    expect([...TICKET_STATUSES]).toEqual([...STATUSES]);
    expect([...TICKET_TYPES]).toEqual([...TYPES]);
    expect([...TICKET_CHANNELS]).toEqual([...CHANNELS]);
  });
});
