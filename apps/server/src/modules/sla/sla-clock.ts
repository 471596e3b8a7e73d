import { addBusinessTime, businessTimeBetween, type CompiledCalendar } from '@pishkhan/calendar';

/** The facts the clocks run on (tickets' TicketSlaFacts, narrowed to what the rules read). */
export interface ClockFacts {
  status: string;
  channel: string;
  createdAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  statusChanges: readonly { at: number; to: string }[];
  replies: readonly { at: number; by: string }[];
}

export interface ClockPolicy {
  firstResponse?: number | undefined;
  nextResponse?: number | undefined;
  resolution?: number | undefined;
  pauseOnThirdParty: boolean;
  warnAtPercent: number | null;
}

export type Target = 'first_response' | 'next_response' | 'resolution';

/** One target's clock: when it started, when it is due, when it was met, and when to warn. */
export interface TargetClock {
  target: Target;
  startedAt: number;
  dueAt: number | null;
  metAt: number | null;
  breached: boolean;
  warnAt: number | null;
}

export interface Clocks {
  paused: boolean;
  elapsedMs: number;
  pausedMs: number;
  targets: TargetClock[];
  /** The earliest warning or due instant still ahead of `now` for a target not yet met or breached. */
  nextEventAt: number | null;
}

const MINUTE = 60_000;
const STOPPED = new Set(['resolved', 'closed']);

/** Status intervals [from, to) from creation through now. */
function statusIntervals(facts: ClockFacts, now: number): { status: string; from: number; to: number }[] {
  const out: { status: string; from: number; to: number }[] = [];
  let status = 'new';
  let from = facts.createdAt;
  for (const c of facts.statusChanges) {
    if (c.at < from) continue;
    out.push({ status, from, to: c.at });
    status = c.to;
    from = c.at;
  }
  out.push({ status, from, to: Math.max(from, now) });
  return out;
}

/**
 * A ticket's SLA clocks under a policy and its calendar at `now` — pure, so the sweep, the
 * recompute and the tests agree (issue 11's clock rules):
 * - first response: from creation to the first public agent reply; a phone ticket an agent opened
 *   has it met at creation;
 * - next response: from the latest public customer reply after the first response to the next
 *   public agent reply;
 * - resolution: business time from creation minus the time paused (pending_customer, and
 *   pending_third_party when the policy says so) and the time resolved or closed, so reopening
 *   resumes with the elapsed time kept; while paused it has no due time.
 * A target is breached when met after its due time, or not met by now at or past it. A change of
 * policy or priority is just a new policy here: the same starts with new targets, so it may breach at once.
 */
export function slaClocks(calendar: CompiledCalendar, policy: ClockPolicy, facts: ClockFacts, now: number): Clocks {
  const pauses = new Set(['pending_customer', ...(policy.pauseOnThirdParty ? ['pending_third_party'] : [])]);
  const intervals = statusIntervals(facts, now);
  let pausedMinutes = 0;
  for (const i of intervals) if (pauses.has(i.status) || STOPPED.has(i.status)) pausedMinutes += businessTimeBetween(calendar, i.from, i.to);
  const current = intervals[intervals.length - 1]!.status;
  const paused = pauses.has(current);
  const stopped = STOPPED.has(current);
  const elapsedMinutes = Math.max(0, businessTimeBetween(calendar, facts.createdAt, now) - pausedMinutes);
  const targets: TargetClock[] = [];
  // A response clock still running when the ticket is resolved stops there: the resolution answered.
  const stoppedAt = stopped ? (facts.resolvedAt ?? now) : null;
  const add = (target: Target, minutes: number | undefined, startedAt: number, answeredAt: number | null) => {
    if (minutes === undefined) return;
    const metAt = answeredAt ?? stoppedAt;
    const dueAt = addBusinessTime(calendar, startedAt, { minutes });
    const breached = dueAt !== null && (metAt !== null ? metAt > dueAt : now >= dueAt);
    const warnAt = policy.warnAtPercent !== null && dueAt !== null ? addBusinessTime(calendar, startedAt, { minutes: (minutes * policy.warnAtPercent) / 100 }) : null;
    targets.push({ target, startedAt, dueAt, metAt, breached, warnAt });
  };

  const agentReplies = facts.replies.filter((r) => r.by === 'agent').map((r) => r.at);
  const firstMet = facts.channel === 'phone' ? facts.createdAt : (facts.firstResponseAt ?? agentReplies[0] ?? null);
  add('first_response', policy.firstResponse, facts.createdAt, firstMet);

  if (firstMet !== null) {
    const customer = facts.replies.filter((r) => r.by === 'contact' && r.at > firstMet).map((r) => r.at);
    const lastCustomer = customer[customer.length - 1];
    if (lastCustomer !== undefined) {
      const answer = agentReplies.find((a) => a > lastCustomer) ?? null;
      add('next_response', policy.nextResponse, lastCustomer, answer);
    }
  }

  if (policy.resolution !== undefined) {
    // Due = creation plus the target, pushed by the business time paused so far.
    const dueAt = paused ? null : addBusinessTime(calendar, facts.createdAt, { minutes: policy.resolution + pausedMinutes });
    const breached = elapsedMinutes > policy.resolution || (!stopped && dueAt !== null && now >= dueAt);
    const warnAt = policy.warnAtPercent !== null && dueAt !== null ? addBusinessTime(calendar, facts.createdAt, { minutes: (policy.resolution * policy.warnAtPercent) / 100 + pausedMinutes }) : null;
    targets.push({ target: 'resolution', startedAt: facts.createdAt, dueAt: stopped ? null : dueAt, metAt: stoppedAt, breached, warnAt: stopped ? null : warnAt });
  }

  let nextEventAt: number | null = null;
  for (const t of targets) {
    if (t.metAt !== null || t.breached || t.dueAt === null) continue;
    const next = t.warnAt !== null && t.warnAt > now ? t.warnAt : t.dueAt;
    if (nextEventAt === null || next < nextEventAt) nextEventAt = next;
  }
  return { paused, elapsedMs: Math.round(elapsedMinutes * MINUTE), pausedMs: Math.round(pausedMinutes * MINUTE), targets, nextEventAt };
}
