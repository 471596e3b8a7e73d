import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { anonymousClient, appWithAdmin, makeAgent, makeContact, signIn, type Client } from '../../../test/factories.ts';
import { tokenOfLink } from '../../../test/links.ts';
import { startSink, type Sink } from '../../../test/smtp-sink.ts';

let t: TestApp;
let admin: Client;
let sink: Sink;

beforeAll(async () => {
  ({ t, admin } = await appWithAdmin());
  sink = await startSink();
  expect((await admin.put('/api/v1/admin/email/default-relay', { relay: { host: '127.0.0.1', port: sink.port, security: 'none' } })).statusCode).toBe(200);
});
afterAll(async () => {
  await t.destroy();
  await sink.close();
});

async function deliver(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await t.ctx.events.dispatchPending();
    await t.ctx.jobs.drain();
  }
}
const mailsTo = (address: string) => sink.caught.filter((c) => c.envelope.to.includes(address));
/** The one link in a mail's text. */
const linkIn = (text: string | undefined) => /https?:\/\/\S+#token=[A-Za-z0-9_-]+/.exec(text ?? '')?.[0];

describe('one-time links go out by mail', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('an invitation reaches the agent by mail, in their language, and its link sets the password', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    await t.ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', agent.userId).execute();
    const issued = (await admin.post(`/api/v1/agents/${agent.agentId}/invitation`)).json() as { link: string };
    await deliver();
    const [mail, ...more] = mailsTo(agent.email);
    expect(more).toHaveLength(0);
    expect(mail!.mail.subject).toBe('Your invitation to Pishkhan');
    expect(linkIn(mail!.mail.text)).toBe(issued.link);
    expect(mail!.mail.html).toContain(issued.link.replace(/&/g, '&amp;'));
    expect((await anonymousClient(t.app).post('/api/v1/invitations/accept', { token: tokenOfLink(linkIn(mail!.mail.text)!), password: 'a new and long password' })).statusCode).toBe(204);
    await signIn(t.app, agent.email, 'a new and long password');
    // At least once, never twice: another round of the outbox and jobs sends nothing more.
    await deliver();
    expect(mailsTo(agent.email)).toHaveLength(1);
  });

  it('a password reset is mailed in Persian to a known address only; the answer is the same for both', async () => {
    const contact = await makeContact(t, { name: 'مریم احمدی', canSignIn: true });
    await t.ctx.db.updateTable('users').set({ locale: 'fa' }).where('email', '=', contact.email).execute();
    const known = await anonymousClient(t.app).post('/api/v1/password-reset', { email: contact.email });
    const unknown = await anonymousClient(t.app).post('/api/v1/password-reset', { email: 'nobody-here@example.test' });
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    await deliver();
    expect(mailsTo('nobody-here@example.test')).toHaveLength(0);
    const [mail] = mailsTo(contact.email);
    expect(mail!.mail.subject).toBe('بازنشانی گذرواژهٔ پیشخوان');
    expect(mail!.mail.html).toContain('dir="rtl"');
    const link = linkIn(mail!.mail.text)!;
    expect(link).toContain('/reset-password#token=');
    expect((await anonymousClient(t.app).post('/api/v1/password-reset/complete', { token: tokenOfLink(link), password: 'another long new password' })).statusCode).toBe(204);
  });

  it('ten failed sign-ins lock the account for a while, and its owner is told by mail when it opens again', async () => {
    const agent = await makeAgent(t, { roles: ['analyst'] });
    await t.ctx.db.updateTable('users').set({ locale: 'fa' }).where('id', '=', agent.userId).execute();
    const guess = () => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: 'not the password at all' }, remoteAddress: '10.9.8.7' });
    for (let i = 0; i < 10; i++) {
      t.clock.advance(5 * 60_000);
      expect((await guess()).statusCode, `failure ${i + 1}`).toBe(401);
    }
    await deliver();
    const [mail, ...more] = mailsTo(agent.email);
    expect(more).toHaveLength(0);
    expect(mail!.mail.subject).toBe('حساب پیشخوان شما موقتاً قفل شد');
    // The time it opens again, in the reader's calendar (Jalali for Persian), and no password or link in it.
    const opens = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', dateStyle: 'long', timeStyle: 'short' }).format(new Date(t.clock.now() + 15 * 60_000));
    expect(mail!.mail.text).toContain(opens);
    expect(mail!.mail.text).not.toMatch(/#token=/);
  });
});
