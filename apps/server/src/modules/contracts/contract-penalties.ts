import type { PenaltyReport } from '@pishkhan/contracts';
import { businessTimeBetween } from '@pishkhan/calendar';
import type { Db } from '../../schema.ts';
import type { CalendarLoader } from '../calendars/index.ts';
import { breachActionsPage, findSlaPolicy, type BreachCursor } from '../sla/index.ts';
import { ticketIdsOfOrganizationCreated, ticketSlaFacts, type TicketSlaFacts } from '../tickets/index.ts';
import { jalaliMonthBounds, jalaliMonthOf, nextDay, startOfDay } from './contract-dates.ts';
import { termsOf } from './contract-fields.ts';
import { tiersOfContracts, type ContractRow } from './contracts.repository.ts';
import { periodPenalty } from './penalties.ts';

/** Breach actions read per page: the whole desk's, so memory holds one page plus the organisation's breaches. */
const PAGE_SIZE = 1000;
const MINUTE = 60_000;
type Target = 'first_response' | 'next_response' | 'resolution';

/** When a breached target was met: the first agent reply (first response), the first agent reply after the due time (that next-response cycle), the resolution; null: still running. */
function metAtOf(facts: TicketSlaFacts, target: Target, dueAt: number): number | null {
  if (target === 'first_response') return facts.firstResponseAt;
  if (target === 'next_response') return facts.replies.find((r) => r.by === 'agent' && r.at > dueAt)?.at ?? null;
  return facts.status === 'resolved' || facts.status === 'closed' ? facts.resolvedAt : null;
}

/**
 * What a contract's organisation is owed for a period, from the SLA records: the breach actions
 * (one per ticket, target and cycle) whose due time falls in the period, of the organisation's
 * tickets created within the contract's period; each breach's delay is the business time from due
 * to met (or now) in its policy's calendar; then the pure terms (penalties.ts). Every breach of the
 * period is read, page by page (`pageSize`, for tests); only the organisation's are kept.
 */
export async function penaltyReport(
  db: Db,
  loader: CalendarLoader,
  contract: ContractRow,
  period: string | undefined,
  now: number,
  options: { pageSize?: number } = {},
): Promise<PenaltyReport> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const terms = termsOf(contract, (await tiersOfContracts(db, [contract.id])).get(contract.id) ?? []);
  const contractFrom = startOfDay(contract.starts_on);
  const contractTo = startOfDay(nextDay(contract.ends_on));
  let name: string;
  let bounds: { from: number; to: number };
  if (terms.capPeriod === 'contract') {
    name = 'contract';
    bounds = { from: contractFrom, to: contractTo };
  } else {
    name = period ?? jalaliMonthOf(now);
    const [year, month] = name.split('-').map(Number) as [number, number];
    bounds = jalaliMonthBounds(year, month);
  }
  const calendars = new Map<number, Awaited<ReturnType<CalendarLoader['load']>>>();
  const calendarOf = async (policyId: number) => {
    if (!calendars.has(policyId)) {
      const policy = await findSlaPolicy(db, policyId);
      calendars.set(policyId, policy ? await loader.load(db, policy.calendar_id, now) : undefined);
    }
    return calendars.get(policyId);
  };
  const breaches: { ticketId: number; target: Target; dueAt: number; metAt: number | null; delayMinutes: number }[] = [];
  let after: BreachCursor | null = null;
  for (;;) {
    const actions = await breachActionsPage(db, bounds.from, bounds.to, after, pageSize);
    if (actions.length === 0) break;
    // Only the organisation's tickets created in the contract's period: their facts, nobody else's.
    const own = await ticketIdsOfOrganizationCreated(db, [...new Set(actions.map((a) => a.ticket_id))], contract.organization_id, contractFrom, contractTo);
    const facts = new Map((await ticketSlaFacts(db, own, { lock: false })).map((f) => [f.id, f]));
    for (const a of actions) {
      const f = facts.get(a.ticket_id);
      if (!f) continue;
      const target = a.target as Target;
      const metAt = metAtOf(f, target, a.due_at);
      const calendar = await calendarOf(f.sla.policyId ?? contract.policy_id);
      const end = metAt ?? now;
      const delayMinutes = calendar ? Math.floor(businessTimeBetween(calendar.compiled, a.due_at, end)) : Math.max(0, Math.floor((end - a.due_at) / MINUTE));
      breaches.push({ ticketId: a.ticket_id, target, dueAt: a.due_at, metAt, delayMinutes });
    }
    if (actions.length < pageSize) break;
    const last = actions[actions.length - 1]!;
    after = { dueAt: last.due_at, id: last.id };
  }
  const result = periodPenalty(
    {
      perBreach: BigInt(terms.perBreach),
      perHour: BigInt(terms.perHour),
      tierBasis: terms.tierBasis,
      tiers: terms.tiers.map((t) => ({ from: t.from, perBreach: BigInt(t.perBreach), perHour: BigInt(t.perHour) })),
      cap: terms.cap === null ? null : BigInt(terms.cap),
    },
    breaches,
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    contractId: contract.id,
    period: name,
    from: iso(bounds.from),
    to: iso(bounds.to),
    breaches: breaches.length,
    lines: breaches.map((b, i) => {
      const l = result.lines[i]!;
      return { ticketId: b.ticketId, target: b.target, dueAt: iso(b.dueAt), metAt: b.metAt === null ? null : iso(b.metAt), delayMinutes: b.delayMinutes, tier: l.tier, perBreach: String(l.perBreach), perHour: String(l.perHour), amount: String(l.amount) };
    }),
    subtotal: String(result.subtotal),
    cap: terms.cap,
    capped: result.capped,
    total: String(result.total),
  };
}
