import { newApiToken } from '../src/modules/access/tokens.ts';
import { newTotpSecret, sealTotpSecret } from '../src/modules/access/totp.ts';
import { generate as generateTotp } from 'otplib';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { systemActor, type Role } from '../src/platform/actor.ts';
import { transaction } from '../src/platform/db/index.ts';
import { hashPassword, insertUser } from '../src/modules/access/index.ts';
import { insertAgent } from '../src/modules/people/agents.repository.ts';
import { insertContactRecord } from '../src/modules/people/contacts.repository.ts';
import { createMailbox, emailSettings, ingestMessage, prepareMail } from '../src/modules/email/index.ts';
import { createCalendar } from '../src/modules/calendars/commands/create-calendar.ts';
import { addCalendarHoliday } from '../src/modules/calendars/commands/add-calendar-holiday.ts';
import { createSlaPolicy } from '../src/modules/sla/commands/create-sla-policy.ts';
import { createSlaRule } from '../src/modules/sla/commands/create-sla-rule.ts';
import { createContract } from '../src/modules/contracts/commands/create-contract.ts';
import { createTestApp, type TestApp } from './harness.ts';

export const PASSWORD = 'correct-horse-battery-staple';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(PASSWORD));
const unique = () => randomBytes(4).toString('hex');

export interface Person {
  userId: number;
  email: string;
  agentId?: number;
  contactId?: number;
}

export async function makeGroup(t: TestApp, name = `Group ${unique()}`): Promise<number> {
  const now = t.clock.now();
  const row = await t.ctx.db
    .insertInto('groups')
    .values({ name, name_en: name, description: null, active: 1, created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeOrganization(
  t: TestApp,
  input: { name?: string; accountManagerId?: number | null; membersSeeEachOther?: boolean } = {},
): Promise<number> {
  const now = t.clock.now();
  const row = await t.ctx.db
    .insertInto('organizations')
    .values({
      name: input.name ?? `Org ${unique()}`,
      account_manager_id: input.accountManagerId ?? null,
      members_see_each_other: input.membersSeeEachOther ? 1 : 0,
      notes: null,
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeAgent(t: TestApp, input: { roles: Role[]; groupIds?: number[]; name?: string; email?: string }): Promise<Person> {
  const email = input.email ?? `agent-${unique()}@example.test`;
  const hash = await passwordHash();
  return transaction(t.ctx.db, async (trx) => {
    const userId = await insertUser(trx, { email, passwordHash: hash, mustChangePassword: false, locale: 'en', now: t.clock.now() });
    const agentId = await insertAgent(trx, {
      userId,
      name: input.name ?? email,
      roles: input.roles,
      groupIds: input.groupIds ?? [],
      now: t.clock.now(),
    });
    return { userId, email, agentId };
  });
}

export async function makeContact(
  t: TestApp,
  input: { organizationId?: number | null; name?: string; email?: string; phones?: string[]; canSignIn?: boolean } = {},
): Promise<Person> {
  const email = input.email ?? `contact-${unique()}@example.test`;
  const hash = await passwordHash();
  return transaction(t.ctx.db, async (trx) => {
    const userId =
      input.canSignIn === false
        ? null
        : await insertUser(trx, { email, passwordHash: hash, mustChangePassword: false, locale: 'en', now: t.clock.now() });
    const contactId = await insertContactRecord(trx, {
      userId,
      name: input.name ?? email,
      organizationId: input.organizationId ?? null,
      language: 'en',
      emails: [email],
      phones: input.phones ?? [],
      now: t.clock.now(),
    });
    return { userId: userId ?? 0, email, contactId };
  });
}

/** An HTTP client bound to one signed-in session (cookie + CSRF header), over app.inject. */
export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function anonymousClient(app: FastifyInstance): Client {
  return clientWith(app, {});
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  return sessionClient(app, res, res.json().csrfToken);
}

/** The client of the session a sign-in answer (password, single sign-on) set in its cookie. */
export function sessionClient(app: FastifyInstance, res: LightMyRequestResponse, csrfToken: string): Client {
  const cookie = res.cookies.find((c) => c.name === 'pishkhan_session')!;
  return clientWith(app, { cookie: `pishkhan_session=${cookie.value}`, 'x-csrf-token': csrfToken, 'accept-language': 'en' });
}

/** A client carrying the session a sign-in answer started (its cookie and CSRF token): e.g. the second factor's. */
export function clientOfSession(app: FastifyInstance, res: LightMyRequestResponse): Client {
  return sessionClient(app, res, res.json().csrfToken);
}

function clientWith(app: FastifyInstance, headers: Record<string, string>): Client {
  const request = (options: InjectOptions) => app.inject({ ...options, headers: { ...headers, ...(options.headers ?? {}) } });
  const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown) =>
    request({ method, url, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: withBody('POST'),
    patch: withBody('PATCH'),
    put: withBody('PUT'),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/**
 * A ticket inserted directly (status new unless given), for tests that need one without going
 * through the create route. Owner and assignee default to the given group.
 */
export async function makeTicket(
  t: TestApp,
  input: {
    groupId: number | null;
    requesterContactId?: number | null;
    organizationId?: number | null;
    assigneeAgentId?: number | null;
    ownerAgentId?: number | null;
    ownerGroupId?: number | null;
    status?: string;
    title?: string;
  },
): Promise<{ id: number; number: number }> {
  const now = t.clock.now();
  return transaction(t.ctx.db, async (trx) => {
    const counter = await trx
      .insertInto('counters')
      .values({ name: 'ticket_number', value: 10001 })
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
      .returning('value')
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('tickets')
      .values({
        number: counter.value,
        type: 'incident',
        status: input.status ?? 'new',
        title: input.title ?? `Ticket ${unique()}`,
        description: '',
        impact: 2,
        urgency: 2,
        priority: 3,
        priority_overridden: 0,
        priority_override_reason: null,
        priority_override_by: null,
        category_id: null,
        channel: 'agent',
        requester_contact_id: input.requesterContactId ?? null,
        organization_id: input.organizationId ?? null,
        owner_group_id: input.ownerGroupId === undefined ? input.groupId : input.ownerGroupId,
        owner_agent_id: input.ownerAgentId ?? null,
        assignee_group_id: input.groupId,
        assignee_agent_id: input.assigneeAgentId ?? null,
        escalation_level: 0,
        escalated_at: null,
        pending_until: null,
        merged_into_id: null,
        created_by_user_id: null,
        created_at: now,
        updated_at: now,
        first_response_at: null,
        resolved_at: null,
        closed_at: null,
        version: 1,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    return row;
  });
}

/** A job that has failed its last attempt (Admin → Jobs retries it). */
export async function makeDeadJob(t: TestApp): Promise<number> {
  const now = t.clock.now();
  const { id } = await t.ctx.db
    .insertInto('jobs')
    .values({ name: 'matrix.noop', payload: '{}', status: 'dead', run_at: now, attempts: 1, max_attempts: 1, locked_by: null, locked_until: null, last_error: 'failed', unique_key: null, created_at: now, updated_at: now, finished_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An unread in-app notification of a user. */
export async function makeNotification(t: TestApp, userId: number): Promise<number> {
  const { id } = await t.ctx.db
    .insertInto('notifications')
    .values({ user_id: userId, kind: 'ticket.assigned', ticket_id: null, data: '{}', dedupe_key: `factory:${unique()}`, created_at: t.clock.now(), read_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A 'related' relation from one ticket to another. */
export async function makeRelation(t: TestApp, sourceTicketId: number, targetTicketId: number): Promise<number> {
  const { id } = await t.ctx.db
    .insertInto('ticket_relations')
    .values({ kind: 'related', source_ticket_id: sourceTicketId, target_ticket_id: targetTicketId, created_by_user_id: null, created_at: t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An agent watching a ticket. */
export async function makeWatcher(t: TestApp, ticketId: number, agentId: number): Promise<number> {
  const { id } = await t.ctx.db
    .insertInto('ticket_watchers')
    .values({ ticket_id: ticketId, agent_id: agentId, contact_id: null, created_at: t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A top-level category at version 1. */
export async function makeCategory(t: TestApp, name = `دسته ${unique()}`): Promise<number> {
  const now = t.clock.now();
  const { id } = await t.ctx.db
    .insertInto('categories')
    .values({ parent_id: null, name, name_en: null, position: 0, active: 1, created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Escalates a ticket to level 1 now, directly in the table (as the SLA sweep will). */
export async function escalateDirectly(t: TestApp, ticketId: number): Promise<void> {
  await t.ctx.db.updateTable('tickets').set({ escalation_level: 1, escalated_at: t.clock.now() }).where('id', '=', ticketId).execute();
}

/** A fresh app and a signed-in admin (a people test's usual start). */
export async function appWithAdmin(): Promise<{ t: TestApp; admin: Client }> {
  const t = await createTestApp();
  return { t, admin: await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email) };
}

/** A personal API token of a user, inserted directly: its id and the bearer header that carries it. */
export async function makeApiToken(t: TestApp, userId: number, scopes: string[], expiresAt: number | null = null): Promise<{ id: number; token: string; headers: Record<string, string> }> {
  const { token, tokenHash } = newApiToken();
  const { id } = await t.ctx.db
    .insertInto('api_tokens')
    .values({ user_id: userId, name: `token ${unique()}`, token_hash: tokenHash, scopes: [...scopes].sort().join(','), created_at: t.clock.now(), expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, token, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } };
}

/** A mailbox made through the command as the system (SMTP unless given), for tests that need one. */
export async function makeMailbox(t: TestApp, input: { address?: string; groupId?: number; kind?: 'smtp' | 'imap'; imap?: Record<string, unknown> } = {}): Promise<{ id: number; address: string }> {
  const address = input.address ?? `box-${unique()}@desk.example.test`;
  const row = await createMailbox(t.ctx, { actor: systemActor(), address, kind: input.kind ?? 'smtp', ...(input.groupId ? { groupId: input.groupId } : {}), ...(input.imap ? { imap: input.imap } : {}) } as never);
  return { id: row.id, address };
}

/** An outgoing mail of a ticket that finally failed (mail out's retry). */
export async function makeFailedMail(t: TestApp, ticketId: number): Promise<number> {
  const now = t.clock.now();
  const { id } = await t.ctx.db
    .insertInto('outbound_messages')
    .values({
      ticket_id: ticketId,
      article_id: null,
      purpose: 'notification',
      notification_kind: 'ticket.received',
      mailbox_id: null,
      from_address: 'support@localhost',
      from_name: null,
      to_json: JSON.stringify([{ address: 'someone@example.test', name: null }]),
      cc_json: '[]',
      bcc_json: '[]',
      subject: 'x',
      text_body: 'x',
      html_body: '<p>x</p>',
      attachments_json: '[]',
      message_id: `<failed.${unique()}@localhost>`,
      in_reply_to: null,
      references_header: null,
      thread_index: null,
      language: 'fa',
      status: 'failed',
      reason: 'relay_refused',
      last_error: '550 no',
      attempts: 1,
      dedupe_key: null,
      created_by_user_id: null,
      created_at: now,
      updated_at: now,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An inbound message from an unknown sender held for review (`email.unknown_senders = hold` for this one message), through the mail channel. */
export async function makeHeldMail(t: TestApp, input: { from?: string; subject?: string; body?: string } = {}): Promise<{ id: number; from: string; messageId: string }> {
  const from = input.from ?? `stranger-${unique()}@unknown.example`;
  const messageId = `<held-${unique()}@unknown.example>`;
  const raw = Buffer.from(`From: ${from}\r\nTo: support@localhost\r\nSubject: ${input.subject ?? 'held mail'}\r\nMessage-ID: ${messageId}\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\n${input.body ?? 'please help'}\r\n`);
  const mailbox = await t.ctx.db.selectFrom('mailboxes').select('id').where('address_key', '=', 'support@localhost').executeTakeFirst();
  const mailboxId = mailbox?.id ?? (await makeMailbox(t)).id;
  const previous = await emailSettings.get(t.ctx.db, 'email.unknown_senders');
  await emailSettings.set(t.ctx.db, 'email.unknown_senders', 'hold', t.clock.now());
  try {
    const mail = await prepareMail(t.ctx.storage, raw, 1024 * 1024);
    const result = await ingestMessage(t.ctx, { actor: systemActor('mail'), mailboxId, source: 'smtp', mail });
    if (result.state !== 'held') throw new Error(`expected a held mail, got ${result.state}`);
    return { id: result.messageRowId, from, messageId };
  } finally {
    await emailSettings.set(t.ctx.db, 'email.unknown_senders', previous, t.clock.now());
  }
}

/** An inbound mail recorded on a ticket as mail in records one (its raw bytes in storage): the raw download's record. */
export async function makeInboundMailRow(t: TestApp, ticketId: number): Promise<number> {
  const raw = Buffer.from(`From: someone@customer.example\r\nSubject: on ${ticketId}\r\nMessage-ID: <row-${unique()}@customer.example>\r\n\r\nhello\r\n`);
  const blob = await t.ctx.storage.put(Readable.from([raw]), 1024 * 1024);
  const { id } = await t.ctx.db
    .insertInto('email_messages')
    .values({
      mailbox_id: null,
      source: 'smtp',
      message_id: null,
      raw_sha256: blob.sha256,
      raw_size: blob.size,
      dedup_key: `row:${unique()}`,
      from_address: 'someone@customer.example',
      subject: `on ${ticketId}`,
      state: 'article',
      flags: '[]',
      problems: '[]',
      ticket_id: ticketId,
      article_id: null,
      contact_id: null,
      thread_root: null,
      visible_body: 'hello',
      folded_body: '',
      html: null,
      references_header: null,
      thread_index: null,
      received_at: t.clock.now(),
      decided_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A business calendar made through the command as the system (Tehran week, official holidays), version 1. */
export async function makeCalendar(t: TestApp, name = `Calendar ${unique()}`): Promise<number> {
  return (await createCalendar(t.ctx, { actor: systemActor(), name })).id;
}

/** A custom one-off holiday on a fresh calendar: the calendar (now at version 2) and the holiday. */
export async function makeCalendarHoliday(t: TestApp): Promise<{ calendarId: number; holidayId: number }> {
  const calendarId = await makeCalendar(t);
  const row = await addCalendarHoliday(t.ctx, { actor: systemActor(), id: calendarId, version: 1, date: { calendar: 'jalali', year: 1405, month: 10, day: 1 }, name: { fa: 'یلدا', en: 'Yalda' } });
  return { calendarId, holidayId: row.id };
}

/** A second factor of a sign-in, inserted directly (confirmed unless `pending`): its secret, and the current code by the test clock. */
export async function makeTotp(t: TestApp, userId: number, options: { pending?: boolean } = {}): Promise<{ secret: string; code: () => Promise<string> }> {
  const secret = newTotpSecret();
  const now = t.clock.now();
  await t.ctx.db
    .insertInto('user_totp')
    .values({ user_id: userId, secret_sealed: sealTotpSecret(t.ctx.sealKeys, userId, secret), confirmed_at: options.pending ? null : now, last_time_step: null, created_at: now, updated_at: now })
    .execute();
  return { secret, code: () => generateTotp({ secret, epoch: Math.floor(t.clock.now() / 1000) }) };
}

/** An SLA policy on a fresh calendar, made through the command as the system (version 1). */
export async function makeSlaPolicy(t: TestApp): Promise<number> {
  return (await createSlaPolicy(t.ctx, { actor: systemActor(), name: `Policy ${unique()}`, calendarId: await makeCalendar(t), targets: { '3': { firstResponse: 60 } } })).id;
}

/** A global SLA rule (version 1) pointing at a fresh policy. */
export async function makeSlaRule(t: TestApp): Promise<number> {
  return (await createSlaRule(t.ctx, { actor: systemActor(), position: 10, filter: { field: 'type', op: 'eq', value: 'incident' }, policyId: await makeSlaPolicy(t) })).id;
}

/** A contract (version 1) of an organisation on a fresh SLA policy, for 1405 (2026-03-21 … 2027-03-20). */
export async function makeContract(t: TestApp, organizationId: number): Promise<number> {
  return (await createContract(t.ctx, { actor: systemActor(), organizationId, name: `Contract ${unique()}`, startsOn: '2026-03-21', endsOn: '2027-03-20', policyId: await makeSlaPolicy(t) })).id;
}
