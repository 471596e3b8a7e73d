import type { Role } from '../../src/platform/actor.ts';
import { transaction } from '../../src/platform/db/index.ts';
import { insertUser } from '../../src/modules/access/index.ts';
import { insertAgent } from '../../src/modules/people/agents.repository.ts';
import { insertContactRecord } from '../../src/modules/people/contacts.repository.ts';
import type { TestApp } from '../harness.ts';
import { passwordHash, unique } from './common.ts';

export interface Person {
  userId: number;
  email: string;
  agentId?: number;
  contactId?: number;
}

export async function makeGroup(t: TestApp, name = `Group ${unique()}`): Promise<number> {
  const now = t.clock.now();
  const row = await t.ctx.db
    .insertInto('groups')
    .values({ name, name_en: name, description: null, active: 1, created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeOrganization(
  t: TestApp,
  input: { name?: string; accountManagerId?: number | null; membersSeeEachOther?: boolean } = {},
): Promise<number> {
  const now = t.clock.now();
  const row = await t.ctx.db
    .insertInto('organizations')
    .values({
      name: input.name ?? `Org ${unique()}`,
      account_manager_id: input.accountManagerId ?? null,
      members_see_each_other: input.membersSeeEachOther ? 1 : 0,
      notes: null,
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeAgent(t: TestApp, input: { roles: Role[]; groupIds?: number[]; name?: string; email?: string }): Promise<Person> {
  const email = input.email ?? `agent-${unique()}@example.test`;
  const hash = await passwordHash();
  return transaction(t.ctx.db, async (trx) => {
    const userId = await insertUser(trx, { email, passwordHash: hash, mustChangePassword: false, locale: 'en', now: t.clock.now() });
    const agentId = await insertAgent(trx, {
      userId,
      name: input.name ?? email,
      roles: input.roles,
      groupIds: input.groupIds ?? [],
      now: t.clock.now(),
    });
    return { userId, email, agentId };
  });
}

export async function makeContact(
  t: TestApp,
  input: { organizationId?: number | null; name?: string; email?: string; phones?: string[]; canSignIn?: boolean } = {},
): Promise<Person> {
  const email = input.email ?? `contact-${unique()}@example.test`;
  const hash = await passwordHash();
  return transaction(t.ctx.db, async (trx) => {
    const userId =
      input.canSignIn === false
        ? null
        : await insertUser(trx, { email, passwordHash: hash, mustChangePassword: false, locale: 'en', now: t.clock.now() });
    const contactId = await insertContactRecord(trx, {
      userId,
      name: input.name ?? email,
      organizationId: input.organizationId ?? null,
      language: 'en',
      emails: [email],
      phones: input.phones ?? [],
      now: t.clock.now(),
    });
    return { userId: userId ?? 0, email, contactId };
  });
}
