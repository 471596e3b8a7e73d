import type { TicketSla, TicketSummary } from '@pishkhan/contracts';
import { locale, type DisplayPrefs } from './format.ts';

/** The three clocks of a ticket, in the order the ticket view shows them. */
export const SLA_TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

export type TargetState = 'running' | 'paused' | 'met' | 'breached';
export type Tone = 'green' | 'amber' | 'red' | 'gray';

export interface TargetView {
  target: SlaTargetName;
  state: TargetState;
  /** The due instant (epoch ms); null while paused. */
  dueAt: number | null;
  tone: Tone;
}

/** The policy's default warning share (sla_policies.warn_at_percent defaults to 75). */
export const DEFAULT_WARN_PERCENT = 75;
/** Without a start to measure a share against (next response), amber in the last hour. */
const LAST_HOUR = 3_600_000;

/**
 * Green / amber / red of a running clock: red at or past due, amber from the policy's warning
 * share of the time between start and due (wall clock: an approximation of the business share the
 * server warns at), or in the last hour when the start is unknown; green before.
 */
export function slaTone(now: number, dueAt: number, startedAt: number | null, warnAtPercent: number | null): Tone {
  if (now >= dueAt) return 'red';
  if (startedAt !== null && dueAt > startedAt) {
    const share = ((now - startedAt) / (dueAt - startedAt)) * 100;
    return share >= (warnAtPercent ?? DEFAULT_WARN_PERCENT) ? 'amber' : 'green';
  }
  return dueAt - now <= LAST_HOUR ? 'amber' : 'green';
}

type SlaTicket = Pick<TicketSummary, 'status' | 'createdAt' | 'channel'> & { sla?: TicketSla | undefined; firstResponseAt?: string | null };

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
const STOPPED = new Set(['resolved', 'closed']);

/**
 * What each target shows, from the ticket as the API gives it (TicketSla: due times and breach
 * flags). A response target is met when it no longer runs: `sla.dueAt` is the earliest due time of
 * a running target, so a due time before it (or none running) is a met one; first response also
 * reads `firstResponseAt` (and a phone ticket has it met at creation). Resolution without a due
 * time is paused (`sla.paused`) or stopped (resolved or closed: met). A breached flag wins.
 */
export function targetViews(ticket: SlaTicket, warnAtPercent: number | null, now: number): TargetView[] {
  const sla = ticket.sla;
  if (!sla || sla.policyId === null) return [];
  const running = ms(sla.dueAt);
  const stopped = STOPPED.has(ticket.status);
  const created = Date.parse(ticket.createdAt);
  const views: TargetView[] = [];
  for (const target of SLA_TARGETS) {
    const clock = sla[target];
    const dueAt = ms(clock.dueAt);
    if (target === 'resolution' && dueAt === null) {
      if (clock.breached) views.push({ target, state: 'breached', dueAt: null, tone: 'red' });
      else if (sla.paused) views.push({ target, state: 'paused', dueAt: null, tone: 'gray' });
      else if (stopped) views.push({ target, state: 'met', dueAt: null, tone: 'green' });
      continue;
    }
    if (dueAt === null) continue;
    if (clock.breached || (!stopped && now >= dueAt && !isMet(target, ticket, dueAt, running))) {
      views.push({ target, state: 'breached', dueAt, tone: 'red' });
      continue;
    }
    if (stopped || isMet(target, ticket, dueAt, running)) {
      views.push({ target, state: 'met', dueAt, tone: 'green' });
      continue;
    }
    const startedAt = target === 'nextResponse' ? null : created;
    views.push({ target, state: 'running', dueAt, tone: slaTone(now, dueAt, startedAt, warnAtPercent) });
  }
  return views;
}

function isMet(target: SlaTargetName, ticket: SlaTicket, dueAt: number, running: number | null): boolean {
  if (target === 'firstResponse' && (ticket.firstResponseAt || ticket.channel === 'phone')) return true;
  if (target === 'resolution') return false;
  return running === null || dueAt < running;
}

/** The list's "SLA due" cell: the earliest running due time, its tone, or paused / breached. */
export function dueCell(ticket: SlaTicket, now: number): { dueAt: number | null; tone: Tone; state: 'none' | 'running' | 'paused' | 'breached' } {
  const sla = ticket.sla;
  if (!sla || sla.policyId === null) return { dueAt: null, tone: 'gray', state: 'none' };
  const breached = SLA_TARGETS.some((x) => sla[x].breached);
  const dueAt = ms(sla.dueAt);
  if (breached || (dueAt !== null && now >= dueAt)) return { dueAt, tone: 'red', state: 'breached' };
  if (dueAt === null) return { dueAt: null, tone: 'gray', state: sla.paused ? 'paused' : 'none' };
  return { dueAt, tone: slaTone(now, dueAt, null, null), state: 'running' };
}

const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
] as const;

/**
 * A span of time as at most two units, e.g. "2 hr, 5 min" / "۲ ساعت و ۵ دقیقه", in the user's
 * language and digits (under a minute is one minute: a countdown never shows zero while running).
 */
export function formatSpan(spanMs: number, p: DisplayPrefs): string {
  let rest = Math.max(Math.abs(spanMs), 60_000);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const amount = Math.floor(rest / size);
    if (amount > 0 && parts.length < 2) {
      parts.push(new Intl.NumberFormat(locale(p), { style: 'unit', unit, unitDisplay: 'long', useGrouping: false }).format(amount));
      rest -= amount * size;
    } else if (parts.length > 0) break;
  }
  return new Intl.ListFormat(p.language === 'fa' ? 'fa' : 'en', { style: 'long', type: 'conjunction' }).format(parts);
}

/** A target in business minutes as the policy form edits it: hours when whole, else minutes. */
export type TargetAmount = { amount: number; unit: 'minutes' | 'hours' };

export function amountOf(minutes: number | undefined): TargetAmount | null {
  if (minutes === undefined) return null;
  return minutes % 60 === 0 ? { amount: minutes / 60, unit: 'hours' } : { amount: minutes, unit: 'minutes' };
}

/** Back to business minutes; blank or non-positive is no target. */
export function minutesOf(value: TargetAmount | null): number | undefined {
  if (!value || !Number.isFinite(value.amount) || value.amount <= 0) return undefined;
  return Math.round(value.unit === 'hours' ? value.amount * 60 : value.amount);
}
