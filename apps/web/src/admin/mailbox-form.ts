import type { Mailbox, RelaySecurity } from '@pishkhan/contracts';
import { nullIfBlank, portOrNull, secretField } from './forms.ts';

/** A mailbox form's text fields, and the body they become (passwords: blank keeps, "clear" removes). */
export interface MailboxDraft {
  address: string;
  name: string;
  groupId: string | null;
  kind: 'smtp' | 'imap';
  active: boolean;
  imap: { host: string; port: string; tls: boolean; user: string; password: string; clearPassword: boolean; folder: string; processedFolder: string; rejectedFolder: string };
  relay: { host: string; port: string; security: RelaySecurity; user: string; password: string; clearPassword: boolean };
}

export function blankMailbox(): MailboxDraft {
  return {
    address: '', name: '', groupId: null, kind: 'smtp', active: true,
    imap: { host: '', port: '993', tls: true, user: '', password: '', clearPassword: false, folder: 'INBOX', processedFolder: '', rejectedFolder: 'Pishkhan-rejected' },
    relay: { host: '', port: '587', security: 'starttls', user: '', password: '', clearPassword: false },
  };
}

export function draftOf(m: Mailbox): MailboxDraft {
  return {
    address: m.address, name: m.name ?? '', groupId: String(m.groupId), kind: m.kind, active: m.active,
    imap: { host: m.imap.host ?? '', port: m.imap.port ? String(m.imap.port) : '', tls: m.imap.tls, user: m.imap.user ?? '', password: '', clearPassword: false, folder: m.imap.folder, processedFolder: m.imap.processedFolder ?? '', rejectedFolder: m.imap.rejectedFolder },
    relay: { host: m.relay.host ?? '', port: m.relay.port ? String(m.relay.port) : '', security: m.relay.security, user: m.relay.user ?? '', password: '', clearPassword: false },
  };
}

const withoutUndefined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The create/update body: IMAP settings only for an IMAP mailbox; a secret is never sent back blank. */
export function mailboxBody(d: MailboxDraft) {
  const relay = withoutUndefined({ host: nullIfBlank(d.relay.host), port: portOrNull(d.relay.port), security: d.relay.security, user: nullIfBlank(d.relay.user), password: secretField(d.relay.password, d.relay.clearPassword) });
  const imap = d.kind === 'imap'
    ? withoutUndefined({ host: nullIfBlank(d.imap.host), port: portOrNull(d.imap.port), tls: d.imap.tls, user: nullIfBlank(d.imap.user), password: secretField(d.imap.password, d.imap.clearPassword), folder: d.imap.folder.trim() || 'INBOX', processedFolder: nullIfBlank(d.imap.processedFolder), rejectedFolder: d.imap.rejectedFolder.trim() || 'Pishkhan-rejected' })
    : undefined;
  return withoutUndefined({ address: d.address.trim(), name: nullIfBlank(d.name), groupId: d.groupId ? Number(d.groupId) : undefined, kind: d.kind, active: d.active, relay, imap });
}
