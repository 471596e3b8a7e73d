/**
 * Who may call which command on a record that is not theirs — written by hand, never derived from
 * the policy code it checks (like route-matrix.ts). Commands run with no route in front: this is
 * what a channel, a job or a later issue's code gets when it calls them directly.
 *
 * Foreign means: a ticket of group B whose requester is a contact of organisation 2; organisation 2
 * and its contacts; group B and its analyst; another user's notification. The callers are the
 * route matrix's people (group A, organisation 1) and `channel`: a system actor writing on behalf of
 * the organisation-1 contact (`onBehalfOf('mail', contactId)`), held to that contact's rules.
 * Commands that act on no foreign record (sign-in, password change, sign-out, mark all read, the
 * desk-wide creates and settings) are called as written in each builder.
 *
 * 'ok' = authorised (the command did not answer 401, 403 or 404).
 */
export const COMMAND_ROLES = ['contact', 'analyst', 'supervisor', 'manager', 'crm', 'admin', 'channel'] as const;
export type CommandRole = (typeof COMMAND_ROLES)[number];
export type CommandOutcome = 'ok' | 401 | 403 | 404;
export type CommandExpectations = { readonly [R in CommandRole]: CommandOutcome };

const all = (outcome: CommandOutcome): CommandExpectations =>
  ({ contact: outcome, analyst: outcome, supervisor: outcome, manager: outcome, crm: outcome, admin: outcome, channel: outcome }) as const;
/** A foreign ticket: only a manager works every ticket; everyone else does not see it. */
const foreignTicket: CommandExpectations = { ...all(404), manager: 'ok' };
/** Admin-only work on a record anyone but a contact may see. */
const adminOnly: CommandExpectations = { ...all(403), admin: 'ok' };
/** Admin-only work on a person or group a contact does not see. */
const adminOnlyHidden: CommandExpectations = { ...adminOnly, contact: 404, channel: 404 };
/** The user's own session or inbox: every signed-in user; a channel is no signed-in user. */
const ownAccount: CommandExpectations = { ...all('ok'), channel: 401 };

export const COMMAND_MATRIX: Readonly<Record<string, CommandExpectations>> = {
  // access
  'session.sign_in': all(401), // as the foreign analyst, with a wrong password
  'session.sign_out': ownAccount,
  'user.change_password': ownAccount,
  'session.delete_expired': all(403), // the daily sweep's: the system only
  // one-time links: whoever holds a live one (each call a fresh link; a dead one is 400, not an authorisation answer)
  'user.accept_invitation': all('ok'),
  'user.reset_password': all('ok'),
  'user.request_password_reset': all('ok'),
  // Portal self sign-up is off in the matrix's world (access.portal_sign_up, off by default): everyone alike.
  'user.request_sign_up': all(403),
  'user.verify_sign_up': all(403),
  'access.portal_settings_change': adminOnly,
  // tokens: only a session mints one (the matrix's callers are loaded as jobs act: 403); anyone's token revoked by an admin only
  'token.create': { ...all(403), channel: 401 },
  'token.revoke': { ...all(404), admin: 'ok' },
  'session.revoke': { ...all(404), admin: 'ok' },
  'session.record_failure': all('ok'), // whoever failed: the counters and the audit entry
  'link.record_failure': all('ok'), // whoever held a dead link: the address's counter
  'user.unlock': adminOnly,
  // The sign-in's second step: whoever holds a live challenge and its code (each call a fresh one).
  'session.second_factor': all('ok'),
  // One's own second factor needs a session (the matrix's actors are loaded as for a job, like token.create's): 403; a channel is nobody.
  'totp.start_enrolment': { ...all(403), channel: 401 },
  'totp.confirm': { ...all(403), channel: 401 },
  'totp.disable': { ...all(403), channel: 401 },
  'totp.renew_recovery_codes': { ...all(403), channel: 401 },
  'totp.reset': adminOnly,
  'audit.apply_retention': all(403), // the daily job's: the system only
  // people (desk roles create and edit organisations and contacts; crm and contacts do not)
  'organization.create': { ...all('ok'), contact: 403, crm: 403, channel: 403 },
  'organization.update': { ...all('ok'), contact: 404, crm: 403, channel: 404 },
  'contact.create': { ...all('ok'), contact: 403, crm: 403, channel: 403 },
  'contact.update': { ...all('ok'), contact: 404, crm: 403, channel: 404 },
  'contact.link_sign_in': adminOnlyHidden,
  'contact.deactivate': adminOnlyHidden,
  'organization.deactivate': { ...adminOnlyHidden },
  'contact.merge': adminOnlyHidden,
  'organization.merge': adminOnlyHidden,
  'contact.invite': { ...all('ok'), contact: 404, crm: 403, channel: 404 },
  'agent.invite': adminOnlyHidden,
  'agent.create': adminOnly,
  'agent.update': adminOnlyHidden,
  'group.create': adminOnly,
  'group.update': adminOnlyHidden,
  // notifications
  'notifications.notify': all(403),
  'notification.mark_read': all(404),
  'notification.mark_all_read': ownAccount,
  'notification.change_settings': ownAccount,
  'notification.update_template': { ...adminOnly, channel: 401 },
  // The one-time token is the authority (a foreign contact's confirm link): whoever holds it acts as that contact.
  'notification.use_mail_link': all('ok'),
  // email: mailboxes are admin work; a contact or channel does not see one
  'mailbox.create': adminOnly,
  'mailbox.update': adminOnlyHidden,
  // email: mail out (a reply or third-party message on a foreign ticket is the manager's; settings are admin work)
  'email.send_reply': foreignTicket,
  'email.message_third_party': foreignTicket,
  'email.retry_message': { ...foreignTicket, channel: 401 },
  'email.set_default_relay': { ...adminOnly, channel: 401 },
  'email.set_group_signature': { ...adminOnly, channel: 401 },
  'email.set_mailbox_notifications': { ...adminOnly, channel: 401 },
  // duty: a foreign agent's (group B) or group B's: a manager or an admin (a supervisor of group A does not supervise B)
  'duty.update_agent': { ...adminOnlyHidden, manager: 'ok' },
  'duty.update_group_assignment': { ...adminOnlyHidden, manager: 'ok' },
  'duty.auto_assign': all(403), // the system's (auto-assignment jobs) only
  // calendars: admin work; agents read them, a contact or channel does not see one
  'calendar.create': adminOnly,
  'calendar.update': adminOnlyHidden,
  'calendar.delete': adminOnlyHidden,
  'calendar.add_holiday': adminOnlyHidden,
  'calendar.remove_holiday': adminOnlyHidden,
  'calendar.add_closure': adminOnlyHidden,
  'calendar.confirm_hijri_month': adminOnly,
  // SLA: admin work; agents read policies and rules, a contact or channel does not see one
  'sla_policy.create': adminOnly,
  'sla_policy.update': adminOnlyHidden,
  'sla_rule.create': adminOnly,
  'sla_rule.update': adminOnlyHidden,
  'sla_rule.delete': adminOnlyHidden,
  // contracts: admin work; a manager reads every contract, a crm agent only their organisations' (foreign: organisation 2's)
  'contract.create': adminOnly,
  'contract.update': { ...all(404), manager: 403, admin: 'ok' },
  'contract.delete': { ...all(404), manager: 403, admin: 'ok' },
  // preferences: one's own only (a foreign saved view is not found)
  'preferences.save': ownAccount,
  'saved_view.create': ownAccount,
  'saved_view.update': { ...all(404), channel: 404 },
  'saved_view.delete': { ...all(404), channel: 404 },
  'email.ingest': all(403), // the mail channel's own (the trusted system), never a person's
  // held mail: admins and supervisors review it; a channel is no signed-in reviewer
  'email.accept_held': { ...all(403), supervisor: 'ok', admin: 'ok', channel: 401 },
  'email.reject_held': { ...all(403), supervisor: 'ok', admin: 'ok', channel: 401 },
  // admin
  'job.retry': adminOnly,
  // search: rebuilding the index (pishkhan reindex) is the system's and admins'
  'search.start_rebuild': adminOnly,
  // tickets: opening one for a foreign requester is the desk's (agents open tickets for anyone)
  'ticket.create': { contact: 403, analyst: 'ok', supervisor: 'ok', manager: 'ok', crm: 403, admin: 403, channel: 403 },
  'ticket.update': foreignTicket,
  'ticket.confirm': foreignTicket,
  'ticket.reopen': foreignTicket,
  // a closed ticket reopens only by the mail channel for a contact who sees it (the org-1 contact does not: 404)
  'ticket.reopen_by_mail': { ...all(403), channel: 404 },
  'ticket.escalate': foreignTicket,
  'ticket.acknowledge_escalation': foreignTicket,
  'ticket.deescalate': foreignTicket,
  'ticket.append_article': foreignTicket,
  'ticket.upload_attachments': foreignTicket,
  'ticket.add_watcher': foreignTicket,
  'ticket.remove_watcher': foreignTicket,
  'ticket.relate': foreignTicket,
  'ticket.unrelate': foreignTicket,
  'ticket.merge': foreignTicket,
  'ticket.return_pending': all(403), // the pending-until sweep's: the system only
  'category.create': adminOnly,
  'category.update': adminOnly,
  'settings.change_priority_matrix': adminOnly,
  // sso (modules/sso): configuration and sync are admin work (403 for everyone else: configuration is nobody's own)
  'sso.directory_create': adminOnly,
  'sso.directory_update': adminOnly,
  'sso.directory_sync_request': adminOnly,
  'sso.directory_sync': adminOnly,
  'sso.oidc_provider_create': adminOnly,
  'sso.oidc_provider_update': adminOnly,
  'sso.settings_change': adminOnly,
  // the sign-ins are whoever asks; an inactive directory or provider is not found for anyone
  'sso.directory_sign_in': all(404),
  'sso.oidc_sign_in': all(404),
  'sso.record_failure': all('ok'),
};
