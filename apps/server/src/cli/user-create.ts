import { randomBytes } from 'node:crypto';
import { CreateAgentBody, CreateContactBody } from '@pishkhan/contracts';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { ROLES, systemActor } from '../platform/actor.ts';
import { transaction } from '../platform/db/index.ts';
import type { AppContext } from '../context.ts';
import { findUserByEmail, hashPassword, insertUser } from '../modules/access/index.ts';
import { CliInputError } from './usage.ts';
import { createAgent, createContact, findOrganization, linkContactSignIn } from '../modules/people/index.ts';

/** Checks CLI input against the same schema the API uses, so the CLI accepts nothing the API would refuse. */
function validate(schema: TSchema, value: unknown): void {
  const errors = [...Value.Errors(schema, value)].map((e) => `${e.instancePath || '/'} ${e.message}`);
  if (errors.length) throw new CliInputError(`Invalid input: ${[...new Set(errors)].join('; ')}`);
}

/**
 * `pishkhan user create --email E --name N (--roles analyst,supervisor [--groups 1,2] | --contact [--organization ID])
 * [--password P]`. Without --password a one-time password is printed once and must be changed at first sign-in.
 * An agent is created by the same command as `POST /api/v1/agents`, a contact by `POST /api/v1/contacts` and
 * `POST /api/v1/contacts/:id/sign-in`, acting as the CLI system actor.
 */
export async function userCreate(ctx: AppContext, flags: Record<string, string | true>): Promise<string> {
  const email = typeof flags.email === 'string' ? flags.email : undefined;
  const name = typeof flags.name === 'string' ? flags.name : email;
  if (!email || !name) throw new CliInputError('user create needs --email (and usually --name); see pishkhan user --help');
  const locale = flags.locale === 'en' ? 'en' : 'fa';
  const password = typeof flags.password === 'string' ? flags.password : undefined;
  if (flags.contact !== true) {
    const roles = typeof flags.roles === 'string' ? flags.roles.split(',').map((r) => r.trim()).filter(Boolean) : [];
    const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (bad.length) throw new CliInputError(`Unknown role(s): ${bad.join(', ')}. Roles: ${ROLES.join(', ')}`);
    if (roles.length === 0) throw new CliInputError(`An agent needs --roles (${ROLES.join(', ')}), or pass --contact`);
    const groupIds = typeof flags.groups === 'string' ? flags.groups.split(',').map(Number) : [];
    const body = { email, name, roles, groupIds, locale, ...(password !== undefined ? { password } : {}) };
    validate(CreateAgentBody, body);
    const created = await createAgent(ctx, { actor: systemActor('cli'), ...(body as CreateAgentBody) });
    if (created.linkedToExistingUser) return `${email} already signs in; it is now an agent too (password unchanged).`;
    return created.initialPassword ? `Created ${email}. One-time password (change it at first sign-in): ${created.initialPassword}` : `Created ${email}.`;
  }
  const organizationId = typeof flags.organization === 'string' ? Number(flags.organization) : null;
  validate(CreateContactBody, { name, emails: [email], organizationId, language: locale });
  validate(CreateAgentBody.properties.password, password ?? 'x'.repeat(12));
  // Refused before any write, in words: an address that already signs in, an organisation that is not there.
  if (await findUserByEmail(ctx.db, email)) throw new CliInputError(`${email} already signs in; give its contact a portal sign-in with an invitation (POST /api/v1/contacts/:id/invitation) instead`);
  if (organizationId !== null && !(await findOrganization(ctx.db, organizationId))) throw new CliInputError(`No organisation ${organizationId}`);
  const generated = password === undefined ? randomBytes(12).toString('base64url') : undefined;
  const passwordHash = await hashPassword(password ?? generated!);
  const actor = systemActor('cli');
  // The contact and its sign-in commit together: the operator's explicit link, recorded like an admin's.
  await transaction(ctx.db, async (trx) => {
    const userId = await insertUser(trx, { email, passwordHash, mustChangePassword: generated !== undefined, locale, now: ctx.clock.now() });
    const contact = await createContact({ ...ctx, db: trx }, { actor, name, emails: [email], organizationId, language: locale });
    await linkContactSignIn({ ...ctx, db: trx }, { actor, id: contact.id, userId, version: contact.version });
  });
  return generated ? `Created ${email}. One-time password (change it at first sign-in): ${generated}` : `Created ${email}.`;
}
