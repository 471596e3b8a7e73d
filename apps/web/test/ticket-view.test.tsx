import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import type { Contact, SessionResponse, Ticket } from '@pishkhan/contracts';
import TicketView from '../src/agent/TicketView.tsx';
import { renderWithProviders } from './render.tsx';
import { scriptedApi, type Answer, type Route as ApiRoute } from './scripted-api.ts';

// The ticket view against a scripted server at the network boundary (fetch), as admin-forms.test.tsx.
const { routes, calls } = scriptedApi();

const ok = (body: unknown): ApiRoute => () => ({ status: 200, body });
const session: SessionResponse = {
  me: { userId: 3, email: 'sara@desk.ir', locale: 'en', mustChangePassword: false, mustEnrolTotp: false, agent: { id: 3, name: 'Sara', roles: ['analyst'], groupIds: [2] }, contact: null },
  csrfToken: 't',
};
const requester: Contact = {
  id: 7, userId: null, name: 'Ali', organizationId: null, language: 'en', emails: ['ali@customer.example'], phones: [], active: true, mergedIntoId: null,
  createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1, abilities: {},
};
const ticket = (version: number): Ticket => ({
  id: 1, number: 10001, displayNumber: '#10001', title: 'Printer jam', type: 'incident', status: 'open', impact: 2, urgency: 2, priority: 3, channel: 'email',
  categoryId: null, requester: { id: 7, name: 'Ali' }, organization: null, owner: { groupId: 2, agentId: null }, assignee: { groupId: 2, agentId: null },
  pendingUntil: null, tags: [], createdAt: '2026-12-01T08:00:00Z', updatedAt: '2026-12-01T08:00:00Z', resolvedAt: null,
  description: '', mergedInto: null, firstResponseAt: null, closedAt: null, version, nextStatuses: ['pending_customer', 'resolved'],
  abilities: { update: true, reassign: true, escalate: false, acknowledgeEscalation: false, reply: true, note: true, attach: true, relate: false, merge: false, history: false, watch: false, confirm: false, reopen: false },
});

describe('ticket view', () => {
  it('edits at the version a reply by mail answered, while the ticket is still being read again', async () => {
    routes['GET /session'] = ok(session);
    routes['GET /tickets/1'] = ok(ticket(1));
    routes['GET /tickets/1/articles?limit=200'] = ok({ items: [], nextCursor: null });
    routes['GET /tickets/1/watchers'] = ok({ items: [] });
    routes['GET /contacts/7'] = ok(requester);
    routes['POST /tickets/1/email/replies'] = () => {
      // The reply moved the ticket to version 2; from now on reading the ticket takes longer than
      // the agent's next step (it never answers here).
      routes['GET /tickets/1'] = () => new Promise<Answer>(() => {});
      return { status: 201, body: { ticketId: 1, ticketStatus: 'open', ticketVersion: 2, articleId: 9, message: { id: 4, status: 'queued' } } };
    };
    routes['PATCH /tickets/1'] = (body) => ({ status: 200, body: { ...ticket(3), assignee: { groupId: 2, agentId: (body as { assigneeAgentId: number }).assigneeAgentId } } });
    renderWithProviders('en', <Routes><Route path="/tickets/:id" element={<TicketView />} /></Routes>, { path: '/tickets/1' });

    fireEvent.click(await screen.findByLabelText('Reply by email'));
    fireEvent.change(screen.getByLabelText('Reply to the customer'), { target: { value: 'The printer is fixed.' } });
    const send = screen.getByRole('button', { name: 'Send email' });
    await waitFor(() => expect(send.hasAttribute('disabled')).toBe(false)); // To: the requester, once read
    await act(async () => fireEvent.click(send));
    await waitFor(() => expect((screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement).value).toBe(''));
    expect(calls.find((c) => c.key === 'POST /tickets/1/email/replies')!.body).toMatchObject({ body: 'The printer is fixed.', to: ['ali@customer.example'] });

    // "a" assigns the ticket to oneself: a save at the version the reply answered, not the one first read.
    await act(async () => fireEvent.keyDown(window, { key: 'a' }));
    await waitFor(() => expect(calls.some((c) => c.key === 'PATCH /tickets/1')).toBe(true));
    expect(calls.find((c) => c.key === 'PATCH /tickets/1')!.body).toEqual({ assigneeAgentId: 3, version: 2 });
  });
});
