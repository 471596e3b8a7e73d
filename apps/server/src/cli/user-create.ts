import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../platform/actor.ts';
import { transaction } from '../platform/db/index.ts';
import type { AppContext } from '../context.ts';
import { hashPassword, insertUser } from '../modules/access/index.ts';
import { insertAgent, insertContactRecord } from '../modules/people/index.ts';

/**
 * `pishkhan user create --email E --name N (--roles analyst,supervisor [--groups 1,2] | --contact [--organization ID])
 * [--password P]`. Without --password a one-time password is printed once and must be changed at first sign-in.
 */
export async function userCreate(ctx: AppContext, flags: Record<string, string | true>): Promise<string> {
  const email = typeof flags.email === 'string' ? flags.email : undefined;
  const name = typeof flags.name === 'string' ? flags.name : email;
  if (!email || !name) throw new Error('user create needs --email (and usually --name)');
  const isContact = flags.contact === true;
  const roles = typeof flags.roles === 'string' ? flags.roles.split(',').map((r) => r.trim()).filter(Boolean) : [];
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length) throw new Error(`Unknown role(s): ${bad.join(', ')}. Roles: ${ROLES.join(', ')}`);
  if (!isContact && roles.length === 0) throw new Error(`An agent needs --roles (${ROLES.join(', ')}), or pass --contact`);
  const groupIds = typeof flags.groups === 'string' ? flags.groups.split(',').map(Number) : [];
  const generated = typeof flags.password === 'string' ? undefined : randomBytes(12).toString('base64url');
  const password = typeof flags.password === 'string' ? flags.password : generated!;
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  const locale = flags.locale === 'en' ? 'en' : 'fa';
  await transaction(ctx.db, async (trx) => {
    const userId = await insertUser(trx, { email, passwordHash, mustChangePassword: generated !== undefined, locale, now });
    if (isContact) {
      const organizationId = typeof flags.organization === 'string' ? Number(flags.organization) : null;
      await insertContactRecord(trx, { userId, name, organizationId, language: locale, emails: [email], phones: [], now });
    } else {
      await insertAgent(trx, { userId, name, roles: roles as Role[], groupIds, now });
    }
  });
  return generated ? `Created ${email}. One-time password (change it at first sign-in): ${generated}` : `Created ${email}.`;
}
