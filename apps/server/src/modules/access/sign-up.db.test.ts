import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, signIn, type Client } from '../../../test/factories.ts';
import { lastIssuedLink, linksIssuedTo } from '../../../test/links.ts';

/**
 * Portal self sign-up through the API on a real database (both dialects): off by default; the same
 * answer for known and unknown addresses; the verification link (read from the outbox, as a mail
 * driver would) makes the sign-in and the contact, or links an existing contact, and signs in; the
 * injected clock for its expiry; the back-off of the reset requests.
 */
let t: TestApp;
let admin: Client;
let address = 0;
/** Each test asks from an address of its own, so one test's attempts never slow another's. */
const from = () => `10.9.0.${++address}`;
const post = (url: string, payload: object, ip: string) => t.app.inject({ method: 'POST', url, payload, headers: { 'accept-language': 'en' }, remoteAddress: ip });
const PASSWORD = 'a long customer passphrase';
let n = 0;
const freshEmail = () => `newcomer-${++n}-${Date.now() % 100_000}@example.test`;
const signUp = (email: string, ip: string, extra: object = {}) => post('/api/v1/portal/sign-up', { name: 'سارا احمدی', email, password: PASSWORD, language: 'fa', ...extra }, ip);
const audit = async (query: string) => (await admin.get(`/api/v1/admin/audit?${query}`)).json().items as Array<Record<string, any>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
}, 60_000);
afterAll(() => t.destroy());

/** An admin turns sign-up on or off through the API (audited as a settings change). */
const turn = async (on: boolean) => expect((await admin.put('/api/v1/admin/portal/settings', { signUp: on })).json()).toEqual({ signUp: on });

describe('portal self sign-up', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('is off by default: the portal config says so and both steps answer 403 auth.sign_up_disabled', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/portal/config' })).json()).toEqual({ signUp: false });
    const ip = from();
    const refused = await signUp(freshEmail(), ip);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'auth.sign_up_disabled']);
    const fa = await t.app.inject({ method: 'POST', url: '/api/v1/portal/sign-up', payload: { name: 'x', email: freshEmail(), password: PASSWORD, language: 'fa' }, headers: { 'accept-language': 'fa' }, remoteAddress: ip });
    expect(fa.json().message).not.toMatch(/[A-Za-z]/);
    expect((await post('/api/v1/portal/sign-up/verify', { token: 'a'.repeat(43) }, ip)).json().code).toBe('auth.sign_up_disabled');
  });

  it('answers known and unknown addresses alike; a new one gets a verification link, a sign-in a reset link', async () => {
    await turn(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/portal/config' })).json()).toEqual({ signUp: true });
    expect((await admin.get('/api/v1/admin/portal/settings')).json()).toEqual({ signUp: true });
    expect((await audit('action=settings.changed&targetId=access.portal_sign_up'))[0]!.details).toEqual({ from: false, to: true });
    const known = await makeContact(t);
    const unknown = freshEmail();
    const a = await signUp(unknown, from());
    const b = await signUp(known.email, from());
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.body).toBe(b.body);
    expect(a.json()).toEqual({ accepted: true });
    expect((await lastIssuedLink(t, unknown)).purpose).toBe('sign_up');
    expect((await lastIssuedLink(t, unknown)).link).toContain('/portal/sign-up/verify#token=');
    expect((await lastIssuedLink(t, known.email)).purpose).toBe('password_reset');
    expect(await audit('action=sign_up.requested')).toHaveLength(2);
    // The password rules apply before anything else, to every address.
    const weak = await signUp(freshEmail(), from(), { password: 'short' });
    expect(weak.statusCode).toBe(400);
    const common = await signUp(freshEmail(), from(), { password: 'passwordpassword' });
    expect([common.statusCode, common.json().code]).toEqual([422, 'auth.weak_password']);
  });

  it('verifying makes the sign-in and the contact and signs in; the link works once', async () => {
    await turn(true);
    const email = freshEmail();
    const ip = from();
    expect((await signUp(email, ip)).statusCode).toBe(202);
    const { token } = await lastIssuedLink(t, email);
    const res = await post('/api/v1/portal/sign-up/verify', { token }, ip);
    expect(res.statusCode, res.body).toBe(200);
    const { me, csrfToken } = res.json();
    expect(me).toMatchObject({ email, locale: 'fa', agent: null });
    expect(me.contact).not.toBeNull();
    const cookie = res.cookies.find((c) => c.name === 'pishkhan_session')!;
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `pishkhan_session=${cookie.value}` } });
    expect(session.json().me.contact.id).toBe(me.contact.id);
    expect(csrfToken).toBeTruthy();
    expect((await admin.get(`/api/v1/contacts/${me.contact.id}`)).json()).toMatchObject({ name: 'سارا احمدی', emails: [email], language: 'fa', userId: me.userId, active: true });
    expect((await signIn(t.app, email, PASSWORD)).get).toBeTypeOf('function');
    const again = await post('/api/v1/portal/sign-up/verify', { token }, ip);
    expect([again.statusCode, again.json().code]).toEqual([400, 'auth.link_invalid']);
    expect((await audit(`action=sign_up.verified&targetId=${me.userId}`))[0]!.details).toEqual({ contactId: me.contact.id });
  });

  it('gives the sign-in to the contact of that email when it has none', async () => {
    await turn(true);
    const contact = await makeContact(t, { canSignIn: false });
    const ip = from();
    expect((await signUp(contact.email, ip)).statusCode).toBe(202);
    const res = await post('/api/v1/portal/sign-up/verify', { token: (await lastIssuedLink(t, contact.email)).token }, ip);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().me.contact.id).toBe(contact.contactId);
    const history = await t.ctx.db.selectFrom('contact_history').select(['field', 'new_value']).where('contact_id', '=', contact.contactId!).execute();
    expect(history).toEqual([{ field: 'user_id', new_value: String(res.json().me.userId) }]);
  });

  it('the link expires after 60 minutes (injected clock)', async () => {
    await turn(true);
    const email = freshEmail();
    const ip = from();
    expect((await signUp(email, ip)).statusCode).toBe(202);
    const { token } = await lastIssuedLink(t, email);
    t.clock.advance(61 * 60_000);
    const late = await post('/api/v1/portal/sign-up/verify', { token }, ip);
    expect([late.statusCode, late.json().code]).toEqual([400, 'auth.link_invalid']);
    expect(await t.ctx.db.selectFrom('users').select('id').where('email_normalized', '=', email).executeTakeFirst()).toBeUndefined();
  });

  it('backs off repeated requests for one address, known or not, with the same 429', async () => {
    await turn(true);
    const known = await makeContact(t);
    const unknown = freshEmail();
    for (const email of [known.email, unknown]) {
      for (let i = 0; i < 3; i++) expect((await signUp(email, from())).statusCode).toBe(202);
      const held = await signUp(email, from());
      expect([held.statusCode, held.json().code]).toEqual([429, 'auth.too_many_attempts']);
    }
    expect(await linksIssuedTo(t, unknown)).toBe(3);
  });
});
