import { systemActor, type Actor, type ActorSidesLoader } from '../../platform/actor.ts';
import type { CommandContext } from '../../platform/commands/index.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { findUserByEmail, insertUser, userEmails } from '../access/index.ts';
import { agentOfUser, contactIdOfUser, contactIdsWithEmail, createAgent, createContact, deactivateContact, findContact, linkContactSignIn, updateAgent } from '../people/index.ts';
import { findIdentity, identityOfUser, insertIdentity, touchIdentity, type IdentitySource } from './identities.repository.ts';
import type { MappedAccess } from './mapping.ts';
import { SsoErrors } from './sso.errors.ts';
import { recordAudit } from '../audit/index.ts';

/** Who provisions: the system itself, never the person signing in (who is anonymous until this is done). */
const SSO_SYSTEM: Actor = systemActor('system');

export interface ProvisionContext extends CommandContext {
  db: Db;
  actorSides: ActorSidesLoader;
}

/** An outside identity, proved (a directory bind, an ID token) or listed (a sync), with the access its groups or claims map to. */
export interface ExternalPerson {
  source: IdentitySource;
  subject: string;
  login: string | null;
  email: string | null;
  name: string;
  access: MappedAccess;
}

export type ProvisionChange = 'created' | 'updated' | 'unchanged' | 'disabled';

const sameSet = (a: Iterable<unknown>, b: Iterable<unknown>) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};
const nameOf = (person: ExternalPerson) => (person.name.trim() || person.login || person.email || person.subject).slice(0, 200);

/**
 * Creates or updates the Pishkhan sign-in of an outside identity, in the caller's unit of work,
 * through people's commands (so their events, history and audit entries are the usual ones):
 * - the identity is found by (source, subject), else linked to the sign-in with the same email,
 *   else a new sign-in is made — without a password (single sign-on only);
 * - mapped roles make it an agent with exactly those roles (and those groups, when the mapping names
 *   any; otherwise memberships stay as an admin set them), its name and email the source's; no role
 *   deactivates its agent side;
 * - `access.contact` gives it a contact side (an existing contact with the email is linked).
 * The source governs: a role mapping change takes effect at the next sign-in or sync.
 */
export async function provisionPerson(ctx: ProvisionContext, person: ExternalPerson): Promise<{ userId: number; change: ProvisionChange }> {
  const now = ctx.clock.now();
  let changed = false;
  const identity = await findIdentity(ctx.db, person.source, person.subject);
  let userId = identity?.user_id;
  if (identity) {
    await touchIdentity(ctx.db, identity.id, person.login, now);
  } else {
    if (!person.email) throw new DomainError(SsoErrors['sso.email_missing']);
    const existing = await findUserByEmail(ctx.db, person.email);
    if (existing && (await identityOfUser(ctx.db, person.source, existing.id))) throw new DomainError(SsoErrors['sso.email_taken']);
    userId = existing?.id ?? (await insertUser(ctx.db, { email: person.email, passwordHash: null, mustChangePassword: false, locale: 'fa', now }));
    await insertIdentity(ctx.db, { source: person.source, subject: person.subject, userId, login: person.login, now });
    changed = true;
  }
  const created = !identity && changed && !(await agentOfUser(ctx.db, userId!)) && (await contactIdOfUser(ctx.db, userId!)) === undefined;
  changed = (await applyAgentSide(ctx, userId!, person)) || changed;
  if (person.access.contact) changed = (await ensureContactSide(ctx, userId!, person)) || changed;
  return { userId: userId!, change: created ? 'created' : changed ? 'updated' : 'unchanged' };
}

/**
 * What a sign-in or a sync does with an identity: provision it when it maps to a role or a contact;
 * otherwise create nobody, and turn off the sides of a sign-in this identity already has (someone
 * removed from every mapped group). `userId` null: no sign-in is (or was) this identity.
 */
export async function applyExternalPerson(ctx: ProvisionContext, person: ExternalPerson): Promise<{ userId: number | null; change: ProvisionChange }> {
  if (person.access.roles.length > 0 || person.access.contact) return provisionPerson(ctx, person);
  const known = await findIdentity(ctx.db, person.source, person.subject);
  if (!known) return { userId: null, change: 'unchanged' };
  await touchIdentity(ctx.db, known.id, person.login, ctx.clock.now());
  return { userId: known.user_id, change: await disableProvisioned(ctx, known.user_id) };
}

async function applyAgentSide(ctx: ProvisionContext, userId: number, person: ExternalPerson): Promise<boolean> {
  const { roles, groupIds } = person.access;
  const agent = await agentOfUser(ctx.db, userId);
  if (roles.length === 0) {
    if (!agent || agent.active !== 1) return false;
    await updateAgent(ctx, { actor: SSO_SYSTEM, id: agent.id, version: agent.version, active: false });
    return true;
  }
  const name = nameOf(person);
  if (!agent) {
    const email = (await findUserEmail(ctx.db, userId))!;
    // contracts' Role union is typed loosely (never); the values are ROLES.
    await createAgent(ctx, { actor: SSO_SYSTEM, email, name, roles: roles as never[], groupIds });
    return true;
  }
  const sides = await ctx.actorSides(ctx.db, userId);
  // The source's address wins too (people refuses one another sign-in has: 409, a failed person in a sync).
  const email = person.email !== null && person.email !== (await findUserEmail(ctx.db, userId)) ? person.email : undefined;
  const same = agent.active === 1 && agent.name === name && email === undefined && sides.agent !== null && sameSet(sides.agent.roles, roles) && (groupIds.length === 0 || sameSet(sides.agent.groupIds, groupIds));
  if (same) return false;
  await updateAgent(ctx, { actor: SSO_SYSTEM, id: agent.id, version: agent.version, name, roles: roles as never[], active: true, ...(groupIds.length > 0 ? { groupIds } : {}), ...(email ? { email } : {}) });
  return true;
}

async function ensureContactSide(ctx: ProvisionContext, userId: number, person: ExternalPerson): Promise<boolean> {
  if ((await contactIdOfUser(ctx.db, userId)) !== undefined) return false;
  const email = (await findUserEmail(ctx.db, userId))!;
  let contact = undefined;
  for (const id of await contactIdsWithEmail(ctx.db, email)) {
    const row = await findContact(ctx.db, id);
    if (row && row.user_id === null) contact = row;
  }
  const target = contact ?? (await createContact(ctx, { actor: SSO_SYSTEM, name: nameOf(person), emails: [email] }));
  await linkContactSignIn(ctx, { actor: SSO_SYSTEM, id: target.id, version: target.version, userId });
  return true;
}

/** Turns off what the source no longer vouches for (a sync found the user disabled or gone): the agent and contact sides. */
export async function disableProvisioned(ctx: ProvisionContext, userId: number): Promise<ProvisionChange> {
  let changed = false;
  const agent = await agentOfUser(ctx.db, userId);
  if (agent && agent.active === 1) {
    await updateAgent(ctx, { actor: SSO_SYSTEM, id: agent.id, version: agent.version, active: false });
    changed = true;
  }
  const contactId = await contactIdOfUser(ctx.db, userId);
  const contact = contactId === undefined ? undefined : await findContact(ctx.db, contactId);
  if (contact && contact.active === 1) {
    await deactivateContact(ctx, { actor: SSO_SYSTEM, id: contact.id, version: contact.version });
    changed = true;
  }
  return changed ? 'disabled' : 'unchanged';
}

async function findUserEmail(db: Db, userId: number): Promise<string | undefined> {
  return (await userEmails(db, [userId])).get(userId);
}

/** Whether the sign-in has an active agent or contact side (else a session would be nobody's). */
export async function hasActiveSide(ctx: ProvisionContext, userId: number): Promise<boolean> {
  const sides = await ctx.actorSides(ctx.db, userId);
  return sides.agent !== null || sides.contact !== null;
}

/** An identity proved but given no access: audited with the IP; the route answers 403 `sso.no_access` after the commit (which keeps any side turned off). */
export async function refuseNoAccess(
  ctx: ProvisionContext,
  input: { actor: Actor; ip?: string },
  userId: number | null,
  details: Record<string, unknown>,
): Promise<{ outcome: 'no_access'; userId: number | null }> {
  await recordAudit(ctx, input.actor, 'sso.sign_in_failed', { targetType: userId === null ? 'sso_identity' : 'user', ...(userId === null ? {} : { targetId: userId }), ip: input.ip ?? null, details: { ...details, reason: 'no_access' } });
  return { outcome: 'no_access', userId };
}
