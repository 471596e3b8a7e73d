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

export type SystemActorName = 'system' | 'scheduler' | 'sla' | 'mail' | 'sms' | 'cli';

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
      agent: AgentIdentity | null;
      contact: ContactIdentity | null;
      /** How the request proved who it is: a browser session cookie (CSRF applies) or a token. */
      via: 'session' | 'token';
      sessionId?: number;
    }
  | { kind: 'system'; name: SystemActorName; locale: Language };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export function systemActor(name: SystemActorName = 'system'): Actor {
  return { kind: 'system', name, locale: 'fa' };
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.kind === 'user' && !!actor.agent?.roles.has(role);
}

/** An agent with any desk role (not only admin). */
export function isDeskAgent(actor: Actor): boolean {
  return actor.kind === 'user' && !!actor.agent && ['analyst', 'supervisor', 'manager', 'crm'].some((r) => actor.agent!.roles.has(r as Role));
}
