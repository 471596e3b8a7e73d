import { nodemailer } from './load-nodemailer.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { open } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../schema.ts';
import { openMailboxSecret } from '../mailboxes/mailbox-secrets.ts';
import { mailboxByIdOnce } from '../mailboxes/mailboxes.repository.ts';
import { DEFAULT_RELAY_SEAL_CONTEXT, outboundSettings } from './outbound.settings.ts';

export interface Relay {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  user: string | null;
  password: string | null;
  /** Where it came from: the mailbox's own settings, or the installation's default. */
  source: 'own' | 'default';
}

/** Whether a mail from this mailbox has a relay to go through (its own or the default), without opening any password. */
export async function hasRelay(db: Db, mailbox: { relay_host: string | null } | undefined): Promise<boolean> {
  return !!mailbox?.relay_host || (await outboundSettings.get(db, 'email.default_relay')) !== null;
}

/** The relay a mailbox sends through: its own when it has a host, else the default; null when there is none. */
export async function relayFor(db: Db, keys: SealKey[], mailboxId: number | null): Promise<Relay | null> {
  const mailbox = mailboxId === null ? undefined : await mailboxByIdOnce(db, mailboxId);
  if (mailbox?.relay_host) {
    return {
      host: mailbox.relay_host,
      port: mailbox.relay_port ?? (mailbox.relay_security === 'tls' ? 465 : 587),
      security: mailbox.relay_security as Relay['security'],
      user: mailbox.relay_user,
      password: openMailboxSecret(keys, mailbox, 'relay'),
      source: 'own',
    };
  }
  const fallback = await outboundSettings.get(db, 'email.default_relay');
  if (!fallback) return null;
  return {
    host: fallback.host,
    port: fallback.port,
    security: fallback.security,
    user: fallback.user,
    password: fallback.passwordSealed === null ? null : open(keys, fallback.passwordSealed, DEFAULT_RELAY_SEAL_CONTEXT),
    source: 'default',
  };
}

/** A nodemailer transport for one relay, with timeouts that bound how long a send may hold its job. */
export function transportFor(relay: Relay) {
  return nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: relay.security === 'tls',
    requireTLS: relay.security === 'starttls',
    ignoreTLS: relay.security === 'none',
    ...(relay.user ? { auth: { user: relay.user, pass: relay.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // A refused connection is a transient failure to retry; nodemailer's own pool is not used (one mail per job).
    pool: false,
  });
}

/** Whether a relay's refusal is final (5xx: the address or the message is refused) or worth another attempt (4xx, network). */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
