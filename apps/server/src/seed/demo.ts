import { Readable } from 'node:stream';
import type { AppContext } from '../context.ts';
import { onBehalfOf, type Actor, type Role } from '../platform/actor.ts';
import { transaction } from '../platform/db/index.ts';
import { hashPassword, insertUser, jobActorLoader } from '../modules/access/index.ts';
import { defaultGroupId, insertAgent, insertContactsBulk, insertGroup, insertOrganization } from '../modules/people/index.ts';
import {
  appendArticle,
  confirmTicket,
  createTicket,
  escalateTicket,
  loadTicketRow,
  mergeTickets,
  stageUpload,
  updateTicket,
  uploadAttachments,
} from '../modules/tickets/index.ts';
import { indexContacts, indexOrganizations, indexTickets } from '../modules/search/index.ts';
import { Generator } from './generator.ts';
import { refuseSeededDatabase } from './guard.ts';
import type { Topic } from './words.ts';

/** Every demo sign-in's password (printed at the end; a demo is not an installation). */
export const DEMO_PASSWORD = 'pishkhan-demo-1403';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const MINUTE = 60_000;

type GroupKey = 'desk' | 'network' | 'software';

interface DemoAgentSpec {
  name: string;
  email: string;
  roles: Role[];
  groups: GroupKey[];
  what: string;
}

/** Six agents in three groups; together they hold every role. */
const AGENTS: readonly DemoAgentSpec[] = [
  { name: 'سارا احمدی', email: 'sara@demo.pishkhan.test', roles: ['analyst'], groups: ['desk'], what: 'analyst, Service Desk' },
  { name: 'علی رضایی', email: 'ali@demo.pishkhan.test', roles: ['analyst'], groups: ['network'], what: 'analyst, Network' },
  { name: 'مریم کریمی', email: 'maryam@demo.pishkhan.test', roles: ['analyst'], groups: ['software'], what: 'analyst, Software' },
  { name: 'حمید صادقی', email: 'hamid@demo.pishkhan.test', roles: ['analyst', 'supervisor'], groups: ['desk', 'network'], what: 'supervisor, Service Desk and Network' },
  { name: 'لیلا موسوی', email: 'leila@demo.pishkhan.test', roles: ['manager'], groups: ['desk', 'network', 'software'], what: 'manager, every group' },
  { name: 'کاوه نوری', email: 'kaveh@demo.pishkhan.test', roles: ['crm', 'admin'], groups: [], what: 'account manager (crm) and admin' },
];

/** Which group works a topic once the Service Desk refers it. */
const TOPIC_GROUP: Record<string, GroupKey> = { vpn: 'network', network: 'network', erp: 'software', software: 'software', email: 'software' };

/** The final status of a demo ticket, in proportions a three-month-old desk has. */
const PLAN: ReadonlyArray<[Plan, number]> = [
  ['new', 0.1],
  ['open', 0.2],
  ['pending_customer', 0.1],
  ['pending_third_party', 0.07],
  ['resolved', 0.18],
  ['closed', 0.35],
];
type Plan = 'new' | 'open' | 'pending_customer' | 'pending_third_party' | 'resolved' | 'closed';

export interface DemoSummary {
  agents: Array<{ email: string; what: string }>;
  contacts: Array<{ email: string; what: string }>;
  password: string;
  tickets: number;
}

export interface DemoOptions {
  tickets?: number;
  contacts?: number;
  seed?: number;
  /** Told a line every 50 tickets (the CLI prints it). */
  progress?: (line: string) => void;
}

/** A clock the demo moves by hand: every command runs at the moment of the story it tells. */
class StoryClock {
  t: number;
  constructor(t: number) {
    this.t = t;
  }
  now(): number {
    return this.t;
  }
}

/**
 * `pishkhan seed --demo`: a believable Persian desk. People go in through the people and access
 * repositories; the tickets' stories — created, taken, answered, noted, referred to another group,
 * escalated, merged, given files, pending, resolved and closed over the last three months — are
 * told through the real commands, so every number, history row, event and lifecycle column is the
 * commands' own. Everything runs in one transaction: a failure leaves the database as it was.
 */
export async function seedDemo(ctx: AppContext, options: DemoOptions = {}): Promise<DemoSummary> {
  const ticketTotal = options.tickets ?? 300;
  const contactTotal = options.contacts ?? 40;
  const gen = new Generator(options.seed ?? 1403);
  await refuseSeededDatabase(ctx.db);
  const end = ctx.clock.now();
  const start = end - 90 * DAY;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const loadActor = jobActorLoader(ctx);
  const clock = new StoryClock(start);

  const summary = await transaction(ctx.db, async (trx) => {
    const tctx = { ...ctx, db: trx, clock };
    const groups: Record<GroupKey, number> = {
      desk: (await defaultGroupId(trx))!,
      network: await insertGroup(trx, { name: 'شبکه', nameEn: 'Network', description: 'شبکه، اینترنت، وی‌پی‌ان و تلفن', active: true, now: start }),
      software: await insertGroup(trx, { name: 'نرم‌افزار', nameEn: 'Software', description: 'ERP، ایمیل و نرم‌افزارهای اداری', active: true, now: start }),
    };
    const agents: Array<{ spec: DemoAgentSpec; userId: number; agentId: number }> = [];
    for (const spec of AGENTS) {
      const userId = await insertUser(trx, { email: spec.email, passwordHash, mustChangePassword: false, locale: 'fa', now: start });
      const agentId = await insertAgent(trx, { userId, name: spec.name, roles: spec.roles, groupIds: spec.groups.map((g) => groups[g]), now: start });
      agents.push({ spec, userId, agentId });
    }
    const crm = agents.find((a) => a.spec.roles.includes('crm'))!;
    const orgs = [
      await insertOrganization(trx, { name: 'شرکت پارس‌پیما', accountManagerId: crm.agentId, membersSeeEachOther: false, notes: 'پیمانکار حمل و نقل؛ قرارداد پشتیبانی طلایی', now: start }),
      await insertOrganization(trx, { name: 'بیمارستان مهرگان', accountManagerId: null, membersSeeEachOther: true, notes: null, now: start }),
    ];
    // Contacts: most in the two organisations, a few on their own; every fifth can sign in to the portal.
    const people = Array.from({ length: contactTotal }, (_, i) => ({ ...gen.person(i + 1, i % 2 === 0 ? 'parspeyma.example' : 'mehregan.example'), i }));
    const contactUsers: Array<number | null> = [];
    for (const p of people) {
      contactUsers.push(p.i % 5 === 0 ? await insertUser(trx, { email: p.email, passwordHash, mustChangePassword: false, locale: p.language, now: start }) : null);
    }
    const contactIds = await insertContactsBulk(
      trx,
      people.map((p, k) => ({
        userId: contactUsers[k]!,
        name: p.name,
        organizationId: p.i >= contactTotal - 4 ? null : orgs[p.i % 2]!.id,
        language: p.language,
        emails: [p.email],
        phones: [p.phone],
        now: start,
      })),
    );

    const actorOf = async (userId: number): Promise<Actor> => (await loadActor(trx, userId))!;
    const agentActor = new Map<string, Actor>();
    for (const a of agents) agentActor.set(a.spec.email, await actorOf(a.userId));
    const by = (email: string) => agentActor.get(email)!;
    const sara = by('sara@demo.pishkhan.test');
    const hamid = by('hamid@demo.pishkhan.test');
    const specialist: Record<GroupKey, Actor> = { desk: sara, network: by('ali@demo.pishkhan.test'), software: by('maryam@demo.pishkhan.test') };
    const agentIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.agent!.id : null);
    const customerActor = async (k: number): Promise<Actor> => (contactUsers[k] ? actorOf(contactUsers[k]!) : onBehalfOf('mail', contactIds[k]!));
    const version = async (id: number) => (await loadTicketRow(trx, id))!.version;
    const maxBytes = 10 * 1024 * 1024;

    const attach = async (actor: Actor, ticketId: number, name: string, body: string, text: string) => {
      const file = await stageUpload(ctx.storage, Readable.from([Buffer.from(body)]), { maxBytes, filename: name, declaredType: 'text/plain' });
      const { attachments } = await uploadAttachments(tctx, { actor, ticketId, files: [file], internal: false });
      await appendArticle(tctx, { actor, ticketId, kind: 'reply', body: text, attachmentIds: attachments.map((a) => a.id) });
    };

    const span = end - start - 2 * DAY;
    let created = 0;
    const ticketIds: number[] = [];
    let previous: { id: number; requester: number; topic: Topic } | undefined;
    for (let i = 0; i < ticketTotal; i++) {
      if (i > 0 && i % 50 === 0) options.progress?.(`tickets ${i} / ${ticketTotal}`);
      const topic = gen.topic();
      const req = gen.request(topic);
      const k = gen.int(0, contactTotal - 1);
      clock.t = start + Math.floor((i / ticketTotal) * span) + gen.int(0, 6 * HOUR);
      // Stories near the end are compressed: nothing happens after the moment the demo is made.
      const step = (min: number, max: number) => (clock.t = Math.min(end - MINUTE, clock.t + gen.int(min, max)));
      // Every status appears: the first tickets walk the plan in order, the rest draw from it.
      const plan: Plan = i < PLAN.length ? PLAN[i]![0] : draw(gen, PLAN);
      const byCustomer = gen.chance(0.6);
      const customer = await customerActor(k);
      // Every twentieth ticket is the same requester writing again about the same thing: merged into the first.
      const duplicate = previous !== undefined && i % 20 === 19;
      const ticket = await createTicket(
        tctx,
        duplicate
          ? { actor: await customerActor(previous!.requester), type: previous!.topic.type, title: `${req.title} (دوباره)`, description: `${gen.followUp()} ${req.description}`, tags: req.tags }
          : byCustomer
            ? { actor: customer, type: topic.type, title: req.title, description: req.description, tags: req.tags, urgency: gen.pick([1, 2, 3] as const) }
            : {
                actor: gen.chance(0.5) ? sara : hamid,
                channel: 'phone',
                requesterContactId: contactIds[k]!,
                type: topic.type,
                title: req.title,
                description: req.description,
                tags: req.tags,
                impact: gen.pick([1, 2, 3] as const),
                urgency: gen.pick([1, 2, 3] as const),
              },
      );
      created++;
      const id = ticket.access.row.id;
      ticketIds.push(id);
      if (duplicate) {
        step(20 * MINUTE, 3 * HOUR);
        await mergeTickets(tctx, { actor: hamid, ticketId: id, intoTicketId: previous!.id });
        previous = undefined;
        continue;
      }
      // Only a ticket still open can take a duplicate.
      previous = plan === 'resolved' || plan === 'closed' ? undefined : { id, requester: k, topic };
      const requester = byCustomer ? customer : await customerActor(k);
      if (plan === 'new') {
        if (gen.chance(0.4)) {
          step(30 * MINUTE, 5 * HOUR);
          await appendArticle(tctx, { actor: requester, ticketId: id, kind: 'reply', body: gen.followUp() });
        }
        continue;
      }
      // The Service Desk takes it and answers.
      const desk = gen.chance(0.7) ? sara : hamid;
      step(10 * MINUTE, 4 * HOUR);
      await updateTicket(tctx, { actor: desk, ticketId: id, body: { version: await version(id), assigneeAgentId: agentIdOf(desk) } });
      step(5 * MINUTE, HOUR);
      await appendArticle(tctx, { actor: desk, ticketId: id, kind: 'reply', body: gen.reply(topic) });
      let worker = desk;
      const to = TOPIC_GROUP[topic.tag];
      if (to && gen.chance(0.6)) {
        // A referral: the owner keeps it; the specialist group works it and takes it.
        step(30 * MINUTE, 6 * HOUR);
        await appendArticle(tctx, { actor: desk, ticketId: id, kind: 'note', body: gen.note(topic) });
        await escalateTicket(tctx, { actor: desk, ticketId: id, kind: 'functional', groupId: groups[to], reason: 'نیاز به بررسی تخصصی' });
        worker = specialist[to];
        step(20 * MINUTE, 8 * HOUR);
        await updateTicket(tctx, { actor: worker, ticketId: id, body: { version: await version(id), assigneeAgentId: agentIdOf(worker) } });
        await appendArticle(tctx, { actor: worker, ticketId: id, kind: 'note', body: gen.note(topic) });
      }
      if (gen.chance(0.5)) {
        step(HOUR, DAY);
        if (gen.chance(0.25)) {
          await attach(requester, id, 'error-screenshot.txt', `${req.title}\n${gen.pick(topic.details)}\n`, 'تصویر خطا را پیوست کردم.');
        } else {
          await appendArticle(tctx, { actor: requester, ticketId: id, kind: 'reply', body: gen.followUp() });
        }
      }
      if (gen.chance(0.1) && plan !== 'resolved' && plan !== 'closed') {
        step(HOUR, 2 * DAY);
        await escalateTicket(tctx, { actor: worker, ticketId: id, kind: 'hierarchical', reason: 'مشتری ناراضی است و کار متوقف شده' });
      }
      step(HOUR, 2 * DAY);
      if (plan === 'open') continue;
      if (plan === 'pending_customer' || plan === 'pending_third_party') {
        await appendArticle(tctx, {
          actor: worker,
          ticketId: id,
          kind: plan === 'pending_customer' ? 'reply' : 'note',
          body: plan === 'pending_customer' ? 'لطفاً پس از راه‌اندازی مجدد رایانه نتیجه را اعلام کنید.' : 'منتظر پاسخ پیمانکار هستیم.',
        });
        await updateTicket(tctx, { actor: worker, ticketId: id, body: { version: await version(id), status: plan } });
        continue;
      }
      await appendArticle(tctx, { actor: worker, ticketId: id, kind: 'reply', body: gen.reply(topic) });
      await updateTicket(tctx, { actor: worker, ticketId: id, body: { version: await version(id), status: 'resolved' } });
      if (plan === 'closed') {
        step(HOUR, 3 * DAY);
        // The requester confirms the fix, or the desk closes it after the wait.
        if (requester.kind === 'user' && gen.chance(0.5)) await confirmTicket(tctx, { actor: requester, ticketId: id });
        else await updateTicket(tctx, { actor: desk, ticketId: id, body: { version: await version(id), status: 'closed' } });
      }
    }
    // Searchable the moment the seed commits, not only once a server has run the events' index jobs;
    // the people's bulk writers record no events at all, so contacts and organisations need this.
    await indexTickets(trx, ticketIds);
    await indexContacts(trx, contactIds);
    await indexOrganizations(trx, orgs.map((o) => o.id));
    return {
      agents: agents.map((a) => ({ email: a.spec.email, what: a.spec.what })),
      contacts: people.filter((_, k) => contactUsers[k] !== null).slice(0, 3).map((p) => ({ email: p.email, what: `customer (${p.name})` })),
      password: DEMO_PASSWORD,
      tickets: created,
    };
  });
  return summary;
}

function draw(gen: Generator, plan: ReadonlyArray<[Plan, number]>): Plan {
  let r = gen.next();
  for (const [p, w] of plan) {
    if ((r -= w) < 0) return p;
  }
  return plan[plan.length - 1]![0];
}
