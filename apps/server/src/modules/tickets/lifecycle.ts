/** Ticket statuses (DESIGN.md §2 "Ticket lifecycle"). */
export const STATUSES = ['new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const TYPES = ['incident', 'service_request'] as const;
/** problem and change come with problem management; the column already accepts them. */
export type TicketType = (typeof TYPES)[number] | 'problem' | 'change';

export const CHANNELS = ['portal', 'email', 'phone', 'sms', 'api', 'agent'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who asks for a transition: an agent, the customer (requester's reply/confirm), or the system (timers, mail). */
export type TransitionCause = 'agent' | 'customer' | 'third_party' | 'system' | 'inbound_mail';

export const OPEN_STATUSES: readonly Status[] = ['new', 'open', 'pending_customer', 'pending_third_party'];
export const PENDING_STATUSES: readonly Status[] = ['pending_customer', 'pending_third_party'];

export function isPending(s: string): boolean {
  return s === 'pending_customer' || s === 'pending_third_party';
}

/**
 * Whether `cause` may move a ticket from `from` to `to`. The table is DESIGN.md's, verbatim:
 * new→open by an agent; new/open→pending_* by an agent; pending_*→open by an agent, the customer
 * (or a third party for pending_third_party), or the system when pending-until is reached;
 * new/open/pending_*→resolved by an agent; resolved→open by the customer or an agent;
 * resolved→closed by the customer, an agent or the system (auto-close); closed→open only by an
 * inbound customer mail within `tickets.reopen_closed_within_days` (checked by the caller).
 */
export function canTransition(from: string, to: string, cause: TransitionCause): boolean {
  if (from === to) return false;
  switch (from) {
    case 'new':
      return (to === 'open' || isPending(to) || to === 'resolved') && cause === 'agent';
    case 'open':
      return (isPending(to) || to === 'resolved') && cause === 'agent';
    case 'pending_customer':
      if (to === 'open') return cause === 'agent' || cause === 'customer' || cause === 'system' || cause === 'inbound_mail';
      return to === 'resolved' && cause === 'agent';
    case 'pending_third_party':
      if (to === 'open') return cause === 'agent' || cause === 'third_party' || cause === 'system';
      return to === 'resolved' && cause === 'agent';
    case 'resolved':
      if (to === 'open') return cause === 'agent' || cause === 'customer' || cause === 'inbound_mail';
      return to === 'closed' && (cause === 'agent' || cause === 'customer' || cause === 'system');
    case 'closed':
      return to === 'open' && cause === 'inbound_mail';
    default:
      return false;
  }
}

/** The statuses an agent can choose next from `from` (for the presenter's abilities / UI). */
export function nextStatuses(from: string, cause: TransitionCause = 'agent'): Status[] {
  return STATUSES.filter((to) => canTransition(from, to, cause));
}
