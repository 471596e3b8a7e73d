import type { Language } from './http/language.ts';

export const ROLES = ['analyst', 'supervisor', 'manager', 'crm', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The agent side of a signed-in person. */
export interface AgentIdentity {
  id: number;
  name: string;
  roles: ReadonlySet<Role>;
  groupIds: readonly number[];
}

/** The customer side of a signed-in person. */
export interface ContactIdentity {
  id: number;
  organizationId: number | null;
  /** Whether the organisation lets its members see each other's tickets. */
  organizationShares: boolean;
}

/** What a personal API token may do: read (GET), write (other methods), admin (keep the admin role), metrics (/metrics). */
export const TOKEN_SCOPES = ['read', 'write', 'admin', 'metrics'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type SystemActorName = 'system' | 'scheduler' | 'sla' | 'mail' | 'sms' | 'cli' | 'portal';

/**
 * Who is doing something. Every request and every job resolves to exactly one actor;
 * the policy layer decides from it alone what is visible and allowed.
 */
export type Actor =
  | { kind: 'anonymous'; locale: Language }
  | {
      kind: 'user';
      userId: number;
      email: string;
      locale: Language;
      mustChangePassword: boolean;
      /** An admin without a second factor while `access.totp_required_for_admins` is on: only enrolment is open. */
      mustEnrolTotp?: boolean;
      agent: AgentIdentity | null;
      contact: ContactIdentity | null;
      /** How the request proved who it is: a browser session cookie (CSRF applies) or a token; or a job acting for the user. */
      via: 'session' | 'token' | 'job';
      sessionId?: number;
      /** A personal API token's id and scopes (via 'token'): the user narrowed by them. */
      tokenId?: number;
      tokenScopes?: readonly TokenScope[];
    }
  | {
      kind: 'system';
      name: SystemActorName;
      locale: Language;
      /**
       * A channel without a person (mail, sms, automation) working for a contact: the command
       * authorises as that contact, never as the all-seeing system. `contact` is filled in by the
       * command kernel (defineCommand, through ctx.resolveActor) before the command runs.
       */
      onBehalfOf?: number;
      contact?: ContactIdentity | null;
      /**
       * A ticket link (the customer's per-ticket magic link, `name: 'portal'`): the actor sees and
       * answers this one ticket as the contact, nothing else. The ticket policy holds it to it.
       */
      ticketId?: number;
    };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export type SystemActor = Extract<Actor, { kind: 'system' }>;

export function systemActor(name: SystemActorName = 'system'): Actor {
  return { kind: 'system', name, locale: 'fa' };
}

/** A system actor (mail, sms, automation) acting for a contact: `{ kind: 'system', name, onBehalfOf: contactId }`. */
export function onBehalfOf(name: SystemActorName, contactId: number, locale: Language = 'fa'): SystemActor {
  return { kind: 'system', name, locale, onBehalfOf: contactId };
}

/** The system itself (jobs, CLI): allowed everything. A system actor on behalf of a contact is not. */
export function isTrustedSystem(actor: Actor): boolean {
  return actor.kind === 'system' && actor.onBehalfOf === undefined;
}

/** The customer side an actor acts with: a user's contact, or the (resolved) contact a channel writes for. */
export function contactSideOf(actor: Actor): ContactIdentity | null {
  if (actor.kind === 'user') return actor.contact;
  if (actor.kind === 'system' && actor.onBehalfOf !== undefined) return actor.contact?.id === actor.onBehalfOf ? actor.contact : null;
  return null;
}

/** The one ticket a ticket-link actor is bound to (undefined: not bound to a ticket). */
export function ticketScopeOf(actor: Actor): number | undefined {
  return actor.kind === 'system' ? actor.ticketId : undefined;
}

/** The agent side of an actor (only signed-in users have one). */
export function agentSideOf(actor: Actor): AgentIdentity | null {
  return actor.kind === 'user' ? actor.agent : null;
}

/** The user id to record as the author of a change (null for system actors, also on behalf of a contact). */
export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** The agent and contact sides of a sign-in (people module, injected by app.ts into access's authenticator). */
export type ActorSidesLoader = (db: import('kysely').Kysely<any>, userId: number) => Promise<{ agent: AgentIdentity | null; contact: ContactIdentity | null }>;

/** Fills in the contact identity of a system actor on behalf of a contact (people module, injected by app.ts). */
export type ActorResolver = (db: import('kysely').Kysely<any>, actor: Actor) => Promise<Actor>;

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.kind === 'user' && !!actor.agent?.roles.has(role);
}

/** An agent with any desk role (not only admin). */
export function isDeskAgent(actor: Actor): boolean {
  return actor.kind === 'user' && !!actor.agent && ['analyst', 'supervisor', 'manager', 'crm'].some((r) => actor.agent!.roles.has(r as Role));
}

/** What a contact's portal invitation needs of people (injected by app.ts, so access does not import people). */
export interface ContactSignInPort {
  /** The contact's first email, language, whether it is active and its sign-in if it has one; null when unknown. */
  target(db: import('kysely').Kysely<any>, contactId: number): Promise<{ email: string | null; language: 'fa' | 'en'; active: boolean; userId: number | null } | null>;
  /** Makes `userId` the contact's sign-in (history row and `contact.sign_in_linked`), in the caller's unit of work. */
  link(db: import('kysely').Kysely<any>, clock: import('./clock/index.ts').Clock, actor: Actor, contactId: number, userId: number): Promise<void>;
  /**
   * A verified portal sign-up: the active contact without a sign-in that has this email gets the
   * sign-in; with none, a new contact is made for it. Returns the contact's id, or null when the
   * email is a contact's that cannot take it (inactive, or with another sign-in).
   */
  signUp(
    db: import('kysely').Kysely<any>,
    clock: import('./clock/index.ts').Clock,
    actor: Actor,
    input: { userId: number; name: string; email: string; language: 'fa' | 'en' },
  ): Promise<number | null>;
}
