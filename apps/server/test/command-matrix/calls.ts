import { prepareMail } from '../../src/modules/email/index.ts';
import { inAppDriver } from '../../src/modules/notifications/drivers/in-app.ts';
import { mailLink } from '../../src/modules/notifications/mail-links/mail-link-tokens.ts';
import { escalateDirectly, makeCategory, makeFailedMail, makeHeldMail, makeMailbox, makeDeadJob, makeGroup, makeNotification, makeRelation, makeTicket, makeWatcher, PASSWORD, makeCalendar, makeCalendarHoliday, makeTotp, makeSlaPolicy, makeSlaRule, makeContract } from '../factories.ts';
import type { World } from '../route-matrix/world.ts';
import { makeAgent, makeApiToken, makeContact, makeOrganization, signIn } from '../factories.ts';
import { portalInvitationLink } from '../../src/modules/access/index.ts';
import { requestPasswordReset } from '../../src/modules/access/commands/request-password-reset.ts';
import { lastIssuedLink, tokenOfLink } from '../links.ts';
import { makeOidcProvider, makeSsoDirectory } from '../sso.ts';

/**
 * How to call each command on a foreign record (command-matrix.ts says what each caller gets).
 * Each builder makes fresh records for its one call and returns the input without the actor, and,
 * where a command needs more than the app context, the extra context.
 */
export interface PreparedCall {
  input: Record<string, unknown>;
  ctx?: Record<string, unknown>;
}
export type CallBuilder = (w: World) => Promise<PreparedCall>;

let counter = 0;
const seq = () => ++counter;

/** A fresh ticket of group B for a contact of organisation 2. */
async function foreignTicket(w: World, status?: string): Promise<number> {
  const { id } = await makeTicket(w.t, { groupId: w.groupB, requesterContactId: w.foreignContact.contactId!, organizationId: w.org2, ...(status ? { status } : {}) });
  return id;
}

async function versionOf(w: World, table: 'organizations' | 'contacts' | 'agents' | 'groups' | 'categories' | 'tickets', id: number): Promise<number> {
  return (await w.t.ctx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}

/** A saved view of the foreign analyst. */
async function foreignSavedView(w: World): Promise<number> {
  const now = w.t.clock.now();
  const row = await w.t.ctx.db
    .insertInto('saved_views')
    .values({ user_id: w.foreignAgent.userId, name: `view ${seq()}`, filter: '{"all":[]}', sort: null, version: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const CALLS: Record<string, CallBuilder> = {
  'session.sign_in': async (w) => ({ input: { email: w.foreignAgent.email, password: 'not-the-password' } }),
  'session.sign_out': async () => ({ input: {} }),
  'session.delete_expired': async () => ({ input: {} }),
  'user.change_password': async () => ({ input: { currentPassword: PASSWORD, newPassword: PASSWORD } }),

  'user.accept_invitation': async (w) => {
    const { contactId } = await makeContact(w.t, { organizationId: w.org2, canSignIn: false });
    return { input: { token: tokenOfLink((await portalInvitationLink(w.t.ctx, { contactId: contactId! })).link), password: `a fresh password ${seq()}` } };
  },
  'user.reset_password': async (w) => {
    const { userId, email } = await makeAgent(w.t, { roles: ['analyst'], groupIds: [w.groupB] });
    await requestPasswordReset(w.t.ctx, { actor: { kind: 'anonymous', locale: 'en' }, email });
    void userId;
    return { input: { token: (await lastIssuedLink(w.t, email)).token, password: `a fresh password ${seq()}` } };
  },
  'user.request_password_reset': async (w) => ({ input: { email: w.foreignAgent.email } }),
  'user.request_sign_up': async () => ({ input: { name: 'Sara', email: `signup${seq()}@example.test`, password: `a fresh password ${seq()}`, language: 'en' } }),
  'user.verify_sign_up': async () => ({ input: { token: 'a'.repeat(43) } }),
  'access.portal_settings_change': async () => ({ input: { signUp: false } }),
  'session.revoke': async (w) => {
    await signIn(w.t.app, w.foreignAgent.email);
    const { id } = await w.t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', w.foreignAgent.userId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return { input: { id } };
  },
  'session.record_failure': async () => ({ input: { email: `guess${seq()}@example.test`, ip: '192.0.2.1' } }),
  'user.unlock': async (w) => ({ input: { userId: w.foreignAgent.userId } }),
  'link.record_failure': async () => ({ input: { ip: `192.0.2.${seq() % 250}` } }),
  'session.second_factor': async (w) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'], groupIds: [w.groupB] });
    const { code } = await makeTotp(w.t, agent.userId);
    const first = await w.t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD } });
    return { input: { challenge: first.json().challenge, code: await code() } };
  },
  'totp.start_enrolment': async () => ({ input: {} }),
  'totp.confirm': async () => ({ input: { code: '123456' } }),
  'totp.disable': async () => ({ input: { code: '123456' } }),
  'totp.renew_recovery_codes': async () => ({ input: { code: '123456' } }),
  'totp.reset': async (w) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'], groupIds: [w.groupB] });
    await makeTotp(w.t, agent.userId);
    return { input: { userId: agent.userId } };
  },
  'audit.apply_retention': async () => ({ input: {} }),
  'contact.deactivate': async (w) => {
    const { contactId } = await makeContact(w.t, { organizationId: w.org2, canSignIn: false });
    return { input: { id: contactId, version: 1 } };
  },
  'organization.deactivate': async (w) => ({ input: { id: await makeOrganization(w.t, { name: `سازمان ${seq()}` }), version: 1 } }),
  'contact.merge': async (w) => {
    const { contactId } = await makeContact(w.t, { organizationId: w.org2, canSignIn: false });
    const into = await makeContact(w.t, { organizationId: w.org2, canSignIn: false });
    return { input: { id: contactId, intoId: into.contactId, version: 1 } };
  },
  'organization.merge': async (w) => ({
    input: { id: await makeOrganization(w.t, { name: `سازمان ${seq()}` }), intoId: await makeOrganization(w.t, { name: `سازمان ${seq()}` }), version: 1 },
  }),
  'token.create': async () => ({ input: { name: `token ${seq()}`, scopes: ['read'] } }),
  'token.revoke': async (w) => ({ input: { id: await makeApiToken(w.t, w.foreignAgent.userId, ['read']).then((x) => x.id) } }),

  'organization.create': async () => ({ input: { name: `سازمان ${seq()}` } }),
  'organization.update': async (w) => ({ input: { id: w.org2, version: await versionOf(w, 'organizations', w.org2), notes: `n${seq()}` } }),
  'contact.create': async (w) => ({ input: { name: `مشتری ${seq()}`, organizationId: w.org2 } }),
  'contact.update': async (w) => {
    const id = w.foreignContact.contactId!;
    return { input: { id, version: await versionOf(w, 'contacts', id), notes: `n${seq()}` } };
  },
  'contact.link_sign_in': async (w) => {
    const { contactId } = await w.t.ctx.db
      .insertInto('contacts')
      .values({ user_id: null, name: `بی‌ورود ${seq()}`, organization_id: w.org2, language: 'fa', notes: null, active: 1, created_at: w.t.clock.now(), updated_at: w.t.clock.now(), version: 1 })
      .returning('id as contactId')
      .executeTakeFirstOrThrow();
    return { input: { id: contactId, userId: w.foreignAgent.userId, version: 1 } };
  },
  'contact.invite': async (w) => {
    const { contactId } = await makeContact(w.t, { organizationId: w.org2, canSignIn: false });
    return { input: { id: contactId } };
  },
  'agent.invite': async (w) => ({ input: { id: w.foreignAgent.agentId } }),
  'agent.create': async () => ({ input: { email: `agent${seq()}@example.test`, name: `کارشناس ${seq()}`, roles: ['analyst'], password: PASSWORD } }),
  'agent.update': async (w) => {
    const id = w.foreignAgent.agentId!;
    return { input: { id, version: await versionOf(w, 'agents', id), name: `کارشناس ب ${seq()}` } };
  },
  'group.create': async () => ({ input: { name: `گروه ${seq()}` } }),
  'mailbox.create': async () => ({ input: { address: `cm-${seq()}@desk.example.test`, kind: 'smtp' } }),
  'email.send_reply': async (w) => ({ input: { ticketId: await foreignTicket(w), body: 'پاسخ با نامه', to: ['someone@example.test'] } }),
  'email.message_third_party': async (w) => ({ input: { ticketId: await foreignTicket(w), to: ['vendor@example.test'], body: 'لطفاً بررسی کنید' } }),
  'email.retry_message': async (w) => ({ input: { id: await makeFailedMail(w.t, await foreignTicket(w)) } }),
  'email.set_default_relay': async () => ({ input: { relay: null } }),
  'email.set_group_signature': async (w) => ({ input: { groupId: w.groupB, fa: 'با احترام', en: 'Regards' } }),
  'email.set_mailbox_notifications': async (w) => ({ input: { mailboxId: (await makeMailbox(w.t)).id, items: [{ kind: 'ticket.closed', enabled: false }] } }),
  'email.ingest': async (w) => ({
    input: { mailboxId: (await makeMailbox(w.t)).id, source: 'smtp', mail: await prepareMail(w.t.ctx.storage, Buffer.from(`From: cm${seq()}@customer.example\r\nSubject: x\r\n\r\nbody`), 1024 * 1024) },
  }),
  'email.accept_held': async (w) => ({ input: { id: (await makeHeldMail(w.t)).id } }),
  'email.reject_held': async (w) => ({ input: { id: (await makeHeldMail(w.t)).id } }),
  'duty.update_agent': async (w) => ({ input: { agentId: (await makeAgent(w.t, { roles: ['analyst'], groupIds: [w.groupB] })).agentId, version: 1, awayNote: 'cm' } }),
  'duty.update_group_assignment': async (w) => ({ input: { groupId: await makeGroup(w.t), version: 1, mode: 'round_robin' } }),
  'duty.auto_assign': async (w) => ({ input: { ticketId: await foreignTicket(w) } }),
  'calendar.create': async () => ({ input: { name: `cm ${seq()}` } }),
  'calendar.update': async (w) => ({ input: { id: await makeCalendar(w.t), version: 1, name: `cm ${seq()}` } }),
  'calendar.delete': async (w) => ({ input: { id: await makeCalendar(w.t), version: 1 } }),
  'calendar.add_holiday': async (w) => ({ input: { id: await makeCalendar(w.t), version: 1, yearly: { month: 7, day: 1 }, name: { fa: 'سالگرد', en: 'Anniversary' } } }),
  'calendar.remove_holiday': async (w) => {
    const { calendarId, holidayId } = await makeCalendarHoliday(w.t);
    return { input: { id: calendarId, holidayId, version: 2 } };
  },
  'calendar.add_closure': async (w) => ({ input: { id: await makeCalendar(w.t), version: 1, date: { calendar: 'jalali', year: 1405, month: 9, day: 20 } } }),
  'calendar.confirm_hijri_month': async () => ({ input: { hijriYear: 1448, hijriMonth: 1, startsOn: { calendar: 'jalali', year: 1405, month: 3, day: 28 } } }),
  'sla_policy.create': async (w) => ({ input: { name: `cm ${seq()}`, calendarId: await makeCalendar(w.t), targets: {} } }),
  'sla_policy.update': async (w) => ({ input: { id: await makeSlaPolicy(w.t), version: 1, name: `cm ${seq()}` } }),
  'sla_rule.create': async (w) => ({ input: { position: 3, filter: { field: 'channel', op: 'eq', value: 'phone' }, policyId: await makeSlaPolicy(w.t) } }),
  'sla_rule.update': async (w) => ({ input: { id: await makeSlaRule(w.t), version: 1, position: 4 } }),
  'sla_rule.delete': async (w) => ({ input: { id: await makeSlaRule(w.t), version: 1 } }),
  'contract.create': async (w) => ({ input: { organizationId: w.org2, name: `cm ${seq()}`, startsOn: '2026-03-21', endsOn: '2027-03-20', policyId: await makeSlaPolicy(w.t) } }),
  'contract.update': async (w) => ({ input: { id: await makeContract(w.t, w.org2), version: 1, name: `cm ${seq()}` } }),
  'contract.delete': async (w) => ({ input: { id: await makeContract(w.t, w.org2), version: 1 } }),
  'mailbox.update': async (w) => ({ input: { id: (await makeMailbox(w.t)).id, version: 1, name: `n${seq()}` } }),
  'group.update': async (w) => {
    const id = await makeGroup(w.t);
    return { input: { id, version: 1, description: 'updated' } };
  },

  'notifications.notify': async (w) => ({
    ctx: { drivers: [inAppDriver] },
    input: { recipients: [{ kind: 'user', userId: w.foreignAgent.userId }], exceptUserId: null, kind: 'ticket.assigned', ticket: null, data: { actorUserId: null }, sourceKey: `matrix:${seq()}` },
  }),
  'notification.mark_read': async (w) => ({ input: { id: await makeNotification(w.t, w.foreignAgent.userId) } }),
  'notification.mark_all_read': async () => ({ input: {} }),
  'notification.change_settings': async () => ({ input: { items: [{ kind: 'ticket.closed', channel: 'email', enabled: false }] } }),
  'notification.update_template': async (w) => {
    const row = await w.t.ctx.db.selectFrom('notification_templates').select('version').where('kind', '=', 'ticket.received').where('language', '=', 'fa').executeTakeFirst();
    return { input: { kind: 'ticket.received', language: 'fa', subject: `ثبت شد [#{{ticketNumber}}] ${seq()}`, body: '{{ticketTitle}}', version: row?.version ?? 0 } };
  },
  'notification.use_mail_link': async (w) => {
    const ticketId = await foreignTicket(w, 'resolved');
    const url = await mailLink(w.t.ctx.db, w.t.clock, '', { action: 'confirm', ticketId, contactId: w.foreignContact.contactId! });
    return { input: { token: url.slice('/m/'.length) } };
  },
  'preferences.save': async () => ({ input: { theme: 'dark', version: 0 } }),
  'saved_view.create': async () => ({ input: { name: `view ${seq()}`, filter: { all: [] } } }),
  'saved_view.update': async (w) => ({ input: { id: await foreignSavedView(w), version: 1, name: `renamed ${seq()}` } }),
  'saved_view.delete': async (w) => ({ input: { id: await foreignSavedView(w) } }),
  'job.retry': async (w) => ({ input: { id: await makeDeadJob(w.t) } }),
  'search.start_rebuild': async () => ({ input: {} }),

  'ticket.create': async (w) => ({
    input: { title: 'پرینتر کار نمی‌کند', description: 'از صبح', type: 'incident', urgency: 2, requesterContactId: w.foreignContact.contactId },
  }),
  'ticket.update': async (w) => ({ input: { ticketId: await foreignTicket(w), body: { version: 1, title: 'عنوان تازه' } } }),
  'ticket.confirm': async (w) => ({ input: { ticketId: await foreignTicket(w, 'resolved') } }),
  'ticket.reopen': async (w) => ({ input: { ticketId: await foreignTicket(w, 'resolved') } }),
  'ticket.reopen_by_mail': async (w) => ({ input: { ticketId: await foreignTicket(w, 'closed') } }),
  'ticket.escalate': async (w) => ({ input: { ticketId: await foreignTicket(w, 'open'), kind: 'hierarchical', reason: 'نیاز به تصمیم سرپرست' } }),
  'ticket.acknowledge_escalation': async (w) => ({ input: { ticketId: await escalated(w) } }),
  'ticket.deescalate': async (w) => ({ input: { ticketId: await escalated(w) } }),
  'ticket.append_article': async (w) => ({ input: { ticketId: await foreignTicket(w), kind: 'reply', body: 'سلام، بررسی شد.' } }),
  'ticket.upload_attachments': async (w) => ({ input: { ticketId: await foreignTicket(w), files: [], internal: false } }),
  'ticket.add_watcher': async (w) => ({ input: { ticketId: await foreignTicket(w), agentId: w.foreignAgent.agentId } }),
  'ticket.remove_watcher': async (w) => {
    const ticketId = await foreignTicket(w);
    return { input: { ticketId, watcherId: await makeWatcher(w.t, ticketId, w.foreignAgent.agentId!) } };
  },
  'ticket.relate': async (w) => ({ input: { ticketId: await foreignTicket(w), targetTicketId: await foreignTicket(w), kind: 'related' } }),
  'ticket.unrelate': async (w) => {
    const [a, b] = [await foreignTicket(w), await foreignTicket(w)];
    return { input: { ticketId: a, relationId: await makeRelation(w.t, a, b) } };
  },
  'ticket.merge': async (w) => ({ input: { ticketId: await foreignTicket(w), intoTicketId: await foreignTicket(w) } }),
  'ticket.return_pending': async (w) => {
    const id = await foreignTicket(w, 'pending_customer');
    await w.t.ctx.db.updateTable('tickets').set({ pending_until: w.t.clock.now() - 1 }).where('id', '=', id).execute();
    return { input: { ticketId: id } };
  },
  'category.create': async () => ({ input: { name: `دسته ${seq()}` } }),
  'category.update': async (w) => ({ input: { id: await makeCategory(w.t), version: 1, name: 'نام تازه' } }),
  'settings.change_priority_matrix': async () => ({ input: { matrix: [[1, 2, 3], [2, 3, 4], [3, 4, 4]] } }),

  // sso: configuration is admin work; the sign-ins name an inactive source (no directory or provider runs here)
  'sso.directory_create': async () => ({ input: { name: `d${seq()}`, url: 'ldap://127.0.0.1:9', bindDn: 'cn=svc', bindPassword: 'x', userBase: 'dc=x', userFilter: '(uid={login})' } }),
  'sso.directory_update': async (w) => ({ input: { ...(await makeSsoDirectory(w.t)), name: `n${seq()}` } }),
  'sso.directory_sync_request': async (w) => ({ input: { id: (await makeSsoDirectory(w.t)).id } }),
  'sso.directory_sync': async (w) => ({ input: { directoryId: (await makeSsoDirectory(w.t)).id } }),
  'sso.directory_sign_in': async (w) => ({ input: { directoryId: (await makeSsoDirectory(w.t)).id, login: 'someone', password: 'x' } }),
  'sso.oidc_provider_create': async () => ({ input: { name: `p${seq()}`, issuerUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's' } }),
  'sso.oidc_provider_update': async (w) => ({ input: { ...(await makeOidcProvider(w.t)), name: `n${seq()}` } }),
  'sso.oidc_sign_in': async (w) => {
    const { id } = await makeOidcProvider(w.t);
    const flow = { providerId: id, state: 's', nonce: 'n', codeVerifier: 'v', expiresAt: w.t.clock.now() + 60_000, returnTo: '/' };
    return { input: { providerId: id, callbackUrl: new URL('http://localhost/cb?code=x&state=s'), flow }, ctx: { publicUrl: 'http://localhost:8080' } };
  },
  'sso.record_failure': async () => ({ input: { source: 'oidc', sourceId: 1, reason: 'no_flow', ip: '192.0.2.1' } }),
  'sso.settings_change': async () => ({ input: { agentsRequireSso: false } }),
};

/** A foreign open ticket escalated to level 1. */
async function escalated(w: World): Promise<number> {
  const id = await foreignTicket(w, 'open');
  await escalateDirectly(w.t, id);
  return id;
}
