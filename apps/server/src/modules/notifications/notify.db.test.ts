import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact } from '../../../test/factories.ts';
import { onBehalfOf, systemActor, type Actor } from '../../platform/actor.ts';
import { notify } from './commands/notify.ts';
import { inAppDriver } from './drivers/in-app.ts';
import type { NotificationDriver, OutgoingNotification } from './drivers/types.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.destroy());

/** A driver that reaches everyone and remembers what it was given (as the email driver will). */
function capturing(): NotificationDriver & { seen: OutgoingNotification[] } {
  const seen: OutgoingNotification[] = [];
  return { name: 'capture', seen, deliver: async (_trx, n) => void seen.push(n) };
}

describe('the notification port', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('addresses users and contacts once each, in their language; the bell only holds users', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] }); // locale en
    const actorAgent = await makeAgent(t, { roles: ['analyst'] });
    const mailOnly = await makeContact(t, { canSignIn: false });
    await t.ctx.db.updateTable('contacts').set({ language: 'fa' }).where('id', '=', mailOnly.contactId!).execute();
    const capture = capturing();
    const sourceKey = `test-${Date.now()}`;

    const count = await notify(
      { db: t.ctx.db, clock: t.clock, drivers: [inAppDriver, capture] },
      {
        actor: systemActor(),
        recipients: [
          { kind: 'contact', contactId: mailOnly.contactId! },
          { kind: 'user', userId: agent.userId },
          { kind: 'user', userId: agent.userId },
          { kind: 'user', userId: actorAgent.userId },
        ],
        exceptUserId: actorAgent.userId,
        kind: 'ticket.assigned',
        ticket: null,
        data: { actorUserId: actorAgent.userId },
        sourceKey,
      },
    );
    expect(count).toBe(2);
    expect(capture.seen.map((n) => [n.recipient, n.language, n.dedupeKey])).toEqual([
      [{ kind: 'contact', contactId: mailOnly.contactId }, 'fa', `${sourceKey}:contact:${mailOnly.contactId}`],
      [{ kind: 'user', userId: agent.userId }, 'en', `${sourceKey}:user:${agent.userId}`],
    ]);
    const stored = await t.ctx.db.selectFrom('notifications').select(['user_id', 'dedupe_key']).where('dedupe_key', 'like', `${sourceKey}:%`).execute();
    expect(stored).toEqual([{ user_id: agent.userId, dedupe_key: `${sourceKey}:user:${agent.userId}` }]);
  });

  it('only the system itself notifies: a user or a channel on behalf of a contact gets 403', async () => {
    const agent = await makeAgent(t, { roles: ['admin'] });
    const contact = await makeContact(t, { canSignIn: false });
    const user: Actor = {
      kind: 'user',
      userId: agent.userId,
      email: agent.email,
      locale: 'en',
      mustChangePassword: false,
      agent: { id: agent.agentId!, name: 'admin', roles: new Set(['admin']), groupIds: [] },
      contact: null,
      via: 'session',
    };
    for (const actor of [user, onBehalfOf('mail', contact.contactId!)]) {
      const call = notify(
        { db: t.ctx.db, clock: t.clock, drivers: [inAppDriver], resolveActor: t.ctx.resolveActor },
        { actor, recipients: [{ kind: 'user', userId: agent.userId }], exceptUserId: null, kind: 'ticket.assigned', ticket: null, data: {}, sourceKey: 'x' },
      );
      await expect(call).rejects.toMatchObject({ code: 'access.forbidden' });
    }
  });
});
