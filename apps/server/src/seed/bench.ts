import type { AppContext } from '../context.ts';
import type { Role } from '../platform/actor.ts';
import { transaction } from '../platform/db/index.ts';
import { hashPassword, insertUser } from '../modules/access/index.ts';
import { defaultGroupId, insertAgent, insertContactsBulk, insertGroup, insertOrganizationsBulk } from '../modules/people/index.ts';
import { importTickets, ticketSettings, type ImportedArticle, type ImportedChange, type ImportedTicket } from '../modules/tickets/index.ts';
import { indexContacts, indexOrganizations, indexTickets } from '../modules/search/index.ts';
import { ensureDefaultSlaPolicy, settleImportedSla } from '../modules/sla/index.ts';
import { contractsOfTickets } from '../modules/contracts/index.ts';
import { createCalendarLoader } from '../modules/calendars/index.ts';
import type { Db } from '../schema.ts';
import { Generator } from './generator.ts';
import { BRANCHES } from './words.ts';
import { refuseSeededDatabase } from './guard.ts';

/** Every bench agent's password; the bench suites sign in with it. */
export const BENCH_PASSWORD = 'pishkhan-bench-1403';
/** The analyst in three groups (the first three) whom the queue and search suites read as. */
export const BENCH_ANALYST_EMAIL = 'agent1@bench.pishkhan.test';

const DAY = 24 * 3600_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Tickets per transaction: large enough that commits are rare, small enough that SQLite's WAL stays small. */
const BATCH = 2000;
/** Records per index call (each reads its records with `id in (…)`: well under both databases' parameter limits). */
const INDEX_CHUNK = 2000;
/**
 * How far back a ticket is "this fortnight's": of those the rest of the data would have resolved,
 * the younger the likelier still active (all at creation, none at 14 days), so an old desk's backlog
 * has the recent tickets whose SLA targets are still running — the `breaching_soon` queue.
 */
const FRESH_MS = 14 * DAY;

export interface BenchOptions {
  tickets: number;
  agents?: number;
  groups?: number;
  organizations?: number;
  contacts?: number;
  years?: number;
  seed?: number;
  progress?: (line: string) => void;
}

export interface BenchSummary {
  tickets: number;
  articles: number;
  history: number;
  /** SLA warnings and breaches recorded as taken at their time, and the escalations the breaches made. */
  slaActions: number;
  escalations: number;
  contacts: number;
  organizations: number;
  agents: number;
  groups: number;
  ms: number;
}

interface People {
  groupIds: number[];
  /** Agent ids and user ids of each group's members. */
  members: Map<number, Array<{ agentId: number; userId: number }>>;
  contacts: Array<{ id: number; organizationId: number | null }>;
}

/**
 * `pishkhan seed --bench --tickets N`: a desk a few years old, for the benchmarks — N tickets with
 * 1–8 articles each over three years, 50 agents in 10 groups, 2,000 organisations, 50,000 contacts.
 * Written through the modules' bulk writers (people's insertContactsBulk, tickets' importTickets)
 * in transactions of 2,000 tickets, each indexed for search in its own transaction (search's
 * set-based indexTickets / indexContacts / indexOrganizations), with progress. A third of the tickets are still active (the
 * backlog that makes queues slow), half of them in the first three groups, so the analyst in those
 * groups has a queue deeper than 100,000 rows at a million tickets.
 */
export async function seedBench(ctx: AppContext, options: BenchOptions): Promise<BenchSummary> {
  const started = Date.now();
  const say = options.progress ?? (() => {});
  const gen = new Generator(options.seed ?? 1403);
  await refuseSeededDatabase(ctx.db);
  await ctx.dialect.prepareBulkLoad(ctx.db);
  const end = ctx.clock.now();
  const start = end - (options.years ?? 3) * 365 * DAY;
  // The policy the commands place tickets under (bootstrap made it already; idempotent).
  await ensureDefaultSlaPolicy(ctx.db, start);
  const calendars = createCalendarLoader();
  const people = await transaction(ctx.db, (trx) => seedPeople(trx, gen, start, options));
  say(`people: ${people.groupIds.length} groups, ${options.agents ?? 50} agents, ${people.contacts.length} contacts (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // What a desk of this age has long settled: a resolved ticket past the auto-close age is closed
  // (by the system, at that age), so a freshly started server has no years-old sweep backlog.
  const autoCloseMs = (await ticketSettings.get(ctx.db, 'tickets.auto_close_after_days')) * DAY;
  const total = options.tickets;
  const span = end - start - DAY;
  let articles = 0;
  let history = 0;
  let slaActions = 0;
  let escalations = 0;
  let lastSaid = Date.now();
  const ticketsStarted = Date.now();
  for (let from = 0; from < total; from += BATCH) {
    const drafts: ImportedTicket[] = [];
    for (let i = from; i < Math.min(total, from + BATCH); i++) {
      const createdAt = start + Math.floor((i / total) * span) + gen.int(0, Math.max(1, Math.floor(span / total)));
      const fresh = end - createdAt < FRESH_MS;
      // A fresh ticket draws from a fork, and the main sequence goes on as the old data drew it, so every other ticket stays as it was.
      const fork = fresh ? gen.fork() : undefined;
      const drawn = benchTicket(gen, people, createdAt, end, autoCloseMs, false);
      drafts.push(fork ? benchTicket(fork, people, createdAt, end, autoCloseMs, true) : drawn);
    }
    await transaction(ctx.db, async (trx) => {
      // importTickets records no events, so the search jobs never hear of these tickets: index them
      // here, in the same transaction (the index never lags the rows, as the jobs' invariant says).
      const ids = await importTickets(trx, drafts);
      await indexTickets(trx, ids);
      // Nor the SLA jobs: their clocks and the actions the sweep took at the time, settled here too.
      const sla = await settleImportedSla(trx, ids, end, { contracts: contractsOfTickets, loader: calendars });
      slaActions += sla.actions;
      escalations += sla.escalations;
    });
    articles += drafts.reduce((n, d) => n + d.articles.length, 0);
    history += drafts.reduce((n, d) => n + d.changes.length, 0);
    const done = Math.min(total, from + BATCH);
    if (Date.now() - lastSaid > 10_000 || done === total) {
      lastSaid = Date.now();
      const rate = done / ((Date.now() - ticketsStarted) / 1000);
      say(`tickets ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round((done / total) * 100)}%), ${Math.round(rate)}/s, ${articles.toLocaleString('en')} articles, about ${Math.round((total - done) / rate)} s to go`);
    }
  }
  await ctx.dialect.finishBulkLoad(ctx.db);
  return {
    tickets: total,
    articles,
    history,
    slaActions,
    escalations,
    contacts: people.contacts.length,
    organizations: options.organizations ?? 2000,
    agents: options.agents ?? 50,
    groups: people.groupIds.length,
    ms: Date.now() - started,
  };
}

async function seedPeople(trx: Db, gen: Generator, start: number, options: BenchOptions): Promise<People> {
  const groupCount = options.groups ?? 10;
  const agentCount = options.agents ?? 50;
  const groupIds = [(await defaultGroupId(trx))!];
  for (let g = 2; g <= groupCount; g++) {
    groupIds.push(await insertGroup(trx, { name: `گروه ${g}`, nameEn: `Group ${g}`, description: null, active: true, now: start }));
  }
  const hash = await hashPassword(BENCH_PASSWORD);
  const members = new Map<number, Array<{ agentId: number; userId: number }>>(groupIds.map((g) => [g, []]));
  const crmAgents: number[] = [];
  for (let a = 1; a <= agentCount; a++) {
    // Agent 1 is the suites' analyst in the first three groups; the rest one or two groups each.
    const roles: Role[] = a === 1 ? ['analyst'] : a <= 6 ? ['analyst', 'supervisor'] : a <= 8 ? ['manager'] : a <= 10 ? ['crm'] : a === 11 ? ['admin'] : ['analyst'];
    const groups = a === 1 ? groupIds.slice(0, 3) : roles.includes('crm') || roles.includes('admin') ? [] : [groupIds[a % groupCount]!, ...(a % 3 === 0 ? [groupIds[(a + 1) % groupCount]!] : [])];
    const person = gen.person(a, 'bench.pishkhan.test');
    const userId = await insertUser(trx, { email: `agent${a}@bench.pishkhan.test`, passwordHash: hash, mustChangePassword: false, locale: 'fa', now: start });
    const agentId = await insertAgent(trx, { userId, name: person.name, roles, groupIds: [...new Set(groups)], now: start });
    for (const g of new Set(groups)) if (roles.includes('analyst')) members.get(g)!.push({ agentId, userId });
    if (roles.includes('crm')) crmAgents.push(agentId);
  }
  const orgTotal = options.organizations ?? 2000;
  const orgIds = await insertOrganizationsBulk(
    trx,
    Array.from({ length: orgTotal }, (_, i) => ({
      name: gen.organization(i + 1).name,
      accountManagerId: i % 10 === 0 && crmAgents.length ? crmAgents[i % crmAgents.length]! : null,
      membersSeeEachOther: i % 4 === 0,
      now: start,
    })),
  );
  const contactTotal = options.contacts ?? 50_000;
  const rows = Array.from({ length: contactTotal }, (_, i) => {
    const p = gen.person(i + 1, 'customer.example');
    const organizationId = i % 10 === 9 ? null : orgIds[gen.int(0, orgIds.length - 1)]!;
    return { userId: null, name: p.name, organizationId, language: p.language, emails: [p.email], phones: [p.phone], now: start };
  });
  const ids = await insertContactsBulk(trx, rows);
  // The bulk writers record no events either: contacts (names, emails, phones) and organisations are indexed here.
  for (let i = 0; i < orgIds.length; i += INDEX_CHUNK) await indexOrganizations(trx, orgIds.slice(i, i + INDEX_CHUNK));
  for (let i = 0; i < ids.length; i += INDEX_CHUNK) await indexContacts(trx, ids.slice(i, i + INDEX_CHUNK));
  return { groupIds, members, contacts: ids.map((id, k) => ({ id, organizationId: rows[k]!.organizationId })) };
}

const CHANNELS = ['portal', 'email', 'email', 'phone', 'agent', 'api'] as const;

/**
 * One ticket with a plausible past: taken, answered, noted, maybe referred, escalated, resolved and closed.
 * A resolved one whose auto-close age (`autoCloseMs`, 0: never) has passed by `end` was closed by the system then.
 */
function benchTicket(gen: Generator, people: People, createdAt: number, end: number, autoCloseMs: number, fresh: boolean): ImportedTicket {
  const topic = gen.topic();
  const req = gen.request(topic);
  // Half the tickets in the first three groups (the Service Desk side is the busiest).
  const assigneeGroupId = gen.chance(0.5) ? people.groupIds[gen.int(0, 2)]! : people.groupIds[gen.int(3, people.groupIds.length - 1)]!;
  const referred = gen.chance(0.1);
  const ownerGroupId = referred ? people.groupIds[0]! : assigneeGroupId;
  const requester = people.contacts[gen.int(0, people.contacts.length - 1)]!;
  const r = gen.next();
  const activeStatus = (x: number): ImportedTicket['status'] => (x < 0.05 ? 'new' : x < 0.2 ? 'open' : x < 0.25 ? 'pending_customer' : 'pending_third_party');
  let status: ImportedTicket['status'] = r < 0.3 ? activeStatus(r) : r < 0.35 ? 'resolved' : 'closed';
  if (fresh && r >= 0.3) {
    // Of this fortnight's done tickets, a share 1 − age/14 days is still active (closed ones first: the
    // recently resolved stay resolved), spread over the active statuses as the rest.
    const done = (r - 0.3) / 0.7;
    const active = 1 - (end - createdAt) / FRESH_MS;
    if (done >= 1 - active) status = activeStatus(((done - (1 - active)) / active) * 0.3);
  }
  const team = people.members.get(assigneeGroupId)!;
  const worker = status === 'new' || team.length === 0 ? null : team[gen.int(0, team.length - 1)]!;
  let at = createdAt;
  // A fresh ticket moves at a working desk's pace (an answer within hours, mostly inside the SLA's
  // targets); the older data keeps its pace of up to two days a step.
  const next = () => (at = Math.min(end, at + gen.int(10 * MINUTE, fresh ? 4 * HOUR : 2 * DAY)));
  const articles: ImportedArticle[] = [];
  const changes: ImportedChange[] = [];
  const count = gen.int(1, 8);
  for (let k = 0; k < count; k++) {
    next();
    const agentTurn = worker !== null && k % 2 === 0;
    if (agentTurn && k === 0) {
      changes.push({ field: 'assigneeAgentId', from: null, to: worker.agentId, actorUserId: worker.userId, at });
      changes.push({ field: 'status', from: 'new', to: 'open', actorUserId: worker.userId, at });
    }
    if (agentTurn) {
      const note = gen.chance(0.2);
      articles.push({ kind: note ? 'note' : 'reply', authorKind: 'agent', authorUserId: worker.userId, authorContactId: null, channel: 'agent', body: note ? gen.note(topic) : gen.reply(topic), at });
    } else {
      articles.push({ kind: 'reply', authorKind: 'contact', authorUserId: null, authorContactId: requester.id, channel: 'email', body: gen.followUp(), at });
    }
  }
  if (worker !== null && changes.length === 0) {
    next();
    changes.push({ field: 'assigneeAgentId', from: null, to: worker.agentId, actorUserId: worker.userId, at });
    changes.push({ field: 'status', from: 'new', to: 'open', actorUserId: worker.userId, at });
  }
  if (worker !== null && status !== 'open') {
    next();
    const step = status === 'closed' ? 'resolved' : status;
    changes.push({ field: 'status', from: 'open', to: step, actorUserId: worker.userId, at });
    if (status === 'closed') {
      next();
      changes.push({ field: 'status', from: 'resolved', to: 'closed', actorUserId: null, at });
    } else if (status === 'resolved' && autoCloseMs > 0 && at + autoCloseMs <= end) {
      // The sweep's auto-close, as it happened: the system closed it at the age (no draw from gen, so the rest of the data stays as it was).
      at += autoCloseMs;
      changes.push({ field: 'status', from: 'resolved', to: 'closed', actorUserId: null, at });
      status = 'closed';
    }
  }
  // Once a drawn escalation, drawn still so that the sequence stays as it was: escalations are the SLA sweep's now (settleImportedSla).
  gen.next();
  return {
    type: topic.type,
    status,
    title: req.title,
    // A third name their branch: the rare words of the search suite (each branch in about 0.5 % of tickets).
    description: gen.chance(1 / 3) ? `${req.description} (شعبه ${gen.pick(BRANCHES)})` : req.description,
    impact: gen.pick([1, 2, 2, 3] as const),
    urgency: gen.pick([1, 2, 2, 3] as const),
    channel: gen.pick(CHANNELS),
    requesterContactId: requester.id,
    organizationId: requester.organizationId,
    ownerGroupId,
    ownerAgentId: worker && !referred ? worker.agentId : null,
    assigneeGroupId,
    assigneeAgentId: worker?.agentId ?? null,
    escalationLevel: 0,
    createdByUserId: null,
    createdAt,
    tags: req.tags,
    articles,
    changes,
  };
}
