import type { MatrixRole } from '../../../src/modules/access/route-matrix.ts';
import { portalInvitationLink, ticketMagicLink } from '../../../src/modules/access/index.ts';
import { requestPasswordReset } from '../../../src/modules/access/commands/request-password-reset.ts';
import { makeAgent, makeApiToken, makeContact, makeTotp, PASSWORD, signIn } from '../../factories.ts';
import { lastIssuedLink, tokenOfLink } from '../../links.ts';
import { freshActor, type World } from '../world.ts';
import { fixed, seq, ticketFor, type Builder, type PreparedRequest } from './builder.ts';

// Sign-in and accounts: sessions, invitations, password resets, the portal sign-up, API tokens, second factors, the audit log.

/** A fresh caller of `role` with a second factor (pending or confirmed; signed in before it was confirmed) and a current code for `url`. */
async function withTotp(w: World, role: MatrixRole, url: string, pending: boolean): Promise<PreparedRequest> {
  const { person, client } = await freshActor(w, role);
  if (!person) return { url, client, payload: { code: '123456' } };
  const { code } = await makeTotp(w.t, person.userId, { pending });
  return { url, client, payload: { code: await code() } };
}

/** A live one-time link's token: a contact's invitation, or a sign-in's reset as the public request makes it. */
async function linkToken(w: World, purpose: 'invitation' | 'password_reset', id: number): Promise<string> {
  if (purpose === 'invitation') return tokenOfLink((await portalInvitationLink(w.t.ctx, { contactId: id })).link);
  const { email } = await w.t.ctx.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow();
  await requestPasswordReset(w.t.ctx, { actor: { kind: 'anonymous', locale: 'en' }, email });
  return tokenOfLink((await lastIssuedLink(w.t)).link);
}

export const accessRequests: Record<string, Builder> = {
  'POST /api/v1/session': async (w, role) => ({
    url: '/api/v1/session',
    payload: { email: role === 'anonymous' ? w.people.analyst.email : w.people[role].email, password: PASSWORD },
  }),
  'GET /api/v1/session': fixed('/api/v1/session'),
  'POST /api/v1/invitations/accept': async (w) => {
    const { contactId } = await makeContact(w.t, { organizationId: w.org1, canSignIn: false });
    return { url: '/api/v1/invitations/accept', payload: { token: await linkToken(w, 'invitation', contactId!), password: `a fresh password ${seq()}` } };
  },
  'POST /api/v1/password-reset': async () => ({ url: '/api/v1/password-reset', payload: { email: `nobody${seq()}@example.test` } }),
  'GET /api/v1/portal/config': fixed('/api/v1/portal/config'),
  'GET /api/v1/admin/portal/settings': fixed('/api/v1/admin/portal/settings'),
  // Sent as it is (off): the matrix's world keeps sign-up off.
  'PUT /api/v1/admin/portal/settings': async () => ({ url: '/api/v1/admin/portal/settings', payload: { signUp: false } }),
  'POST /api/v1/portal/sign-up': async () => ({ url: '/api/v1/portal/sign-up', payload: { name: 'Sara', email: `signup${seq()}@example.test`, password: `a fresh password ${seq()}`, language: 'en' } }),
  'POST /api/v1/portal/sign-up/verify': async () => ({ url: '/api/v1/portal/sign-up/verify', payload: { token: 'a'.repeat(43) } }),
  'POST /api/v1/password-reset/complete': async (w) => {
    const { userId } = await makeAgent(w.t, { roles: ['analyst'] });
    return { url: '/api/v1/password-reset/complete', payload: { token: await linkToken(w, 'password_reset', userId), password: `a fresh password ${seq()}` } };
  },
  'POST /api/v1/me/tokens': fixed('/api/v1/me/tokens', { name: 'ci', scopes: ['read'] }),
  'GET /api/v1/me/tokens': fixed('/api/v1/me/tokens'),
  'DELETE /api/v1/tokens/:id': async (w, role, which) => {
    const owner = which === 'own' && role !== 'anonymous' ? w.people[role].userId : w.foreignAgent.userId;
    return { url: `/api/v1/tokens/${(await makeApiToken(w.t, owner, ['read'])).id}` };
  },
  'GET /api/v1/me/sessions': fixed('/api/v1/me/sessions'),
  'DELETE /api/v1/sessions/:id': async (w, role, which) => {
    const person = which === 'own' && role !== 'anonymous' ? w.people[role] : w.foreignAgent;
    await signIn(w.t.app, person.email);
    const { id } = await w.t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', person.userId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return { url: `/api/v1/sessions/${id}` };
  },
  'GET /api/v1/admin/users/:id/sessions': async (w) => ({ url: `/api/v1/admin/users/${w.foreignAgent.userId}/sessions` }),
  'POST /api/v1/admin/users/:id/unlock': async (w) => ({ url: `/api/v1/admin/users/${w.foreignAgent.userId}/unlock` }),
  'POST /api/v1/session/second-factor': async (w) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'] });
    const { code } = await makeTotp(w.t, agent.userId);
    const first = await w.t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD } });
    return { url: '/api/v1/session/second-factor', payload: { challenge: first.json().challenge, code: await code() } };
  },
  'GET /api/v1/me/totp': fixed('/api/v1/me/totp'),
  'POST /api/v1/me/totp': async (w, role) => ({ url: '/api/v1/me/totp', client: (await freshActor(w, role)).client }),
  'POST /api/v1/me/totp/confirm': async (w, role) => withTotp(w, role, '/api/v1/me/totp/confirm', true),
  'POST /api/v1/me/totp/disable': async (w, role) => withTotp(w, role, '/api/v1/me/totp/disable', false),
  'POST /api/v1/me/totp/recovery-codes': async (w, role) => withTotp(w, role, '/api/v1/me/totp/recovery-codes', false),
  'POST /api/v1/admin/users/:id/totp/reset': async (w) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'] });
    await makeTotp(w.t, agent.userId);
    return { url: `/api/v1/admin/users/${agent.userId}/totp/reset` };
  },
  'GET /api/v1/admin/audit': fixed('/api/v1/admin/audit?action=session.&limit=5'),
  'POST /api/v1/ticket-link/session': async (w) => {
    const { id } = await ticketFor(w, 'own');
    const { link } = await ticketMagicLink(w.t.ctx, { ticketId: id, contactId: w.people.contact.contactId!, to: w.people.contact.email, language: 'en' });
    return { url: '/api/v1/ticket-link/session', payload: { token: tokenOfLink(link) } };
  },
  'DELETE /api/v1/session': async (w, role) => ({ url: '/api/v1/session', client: (await freshActor(w, role)).client }),
  'PUT /api/v1/me/password': async (w, role) => ({
    url: '/api/v1/me/password',
    payload: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password-42' },
    client: (await freshActor(w, role)).client,
  }),
};
