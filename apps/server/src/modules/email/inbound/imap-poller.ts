import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { systemActor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../context.ts';
import { faultPoint } from '../../../platform/testing/faults.ts';
import { ingestMessage } from '../commands/ingest-message.ts';
import { emailSettings } from '../email.settings.ts';
import { openMailboxSecret } from '../mailboxes/mailbox-secrets.ts';
import { activeMailboxesOfKind, type MailboxRow } from '../mailboxes/mailboxes.repository.ts';
import { leaseOf, releaseMailboxLease, takeMailboxLease } from './leases.repository.ts';
import { insertMessage } from './messages.repository.ts';
import { discardPrepared, prepareMail } from './prepared-mail.ts';

export interface ImapPollers {
  /** Runs one round now (tests): every mailbox whose lease this process can take is polled once. */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface PollerOptions {
  /** How often each process looks for mailboxes to poll (default 10 s). */
  intervalMs?: number;
  /** How long a lease holds without renewal: another process takes a dead one's mailbox after this (default 60 s). */
  leaseMs?: number;
  /** How long one round waits in IDLE for new mail before it logs out (default 20 s; 0 = no IDLE). */
  idleMs?: number;
  holder?: string;
}

/**
 * The IMAP pollers (imapflow) of one server process. Each active IMAP mailbox is polled under a
 * lease in `email_mailbox_leases` (taken with one conditional upsert, renewed while the round
 * runs): with several processes each message is fetched by one, and when a process dies another
 * takes its mailboxes over once the lease runs out (≤ leaseMs). A round reads the unseen mail of the
 * mailbox's folder, ingests each message (its own transaction) and only then flags it \Seen or
 * moves it to the processed folder; mail over `email.max_message_bytes` is moved to the rejected
 * folder ("Pishkhan-rejected") and recorded. Nothing is deleted. Where the server offers IDLE the
 * round waits in it for new mail before logging out.
 *
 * Not the jobs table: a job's handler runs inside one transaction, and on SQLite that would hold
 * the only connection for the whole IMAP round (ADR 0017).
 */
export function startImapPollers(ctx: AppContext, options: PollerOptions = {}): ImapPollers {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const intervalMs = options.intervalMs ?? 10_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 20_000;
  const running = new Map<number, Promise<void>>();
  const held = new Set<number>();
  let stopped = false;

  const round = async () => {
    const mailboxes = await activeMailboxesOfKind(ctx.db, 'imap');
    await Promise.all(
      mailboxes.map(async (mailbox) => {
        if (running.has(mailbox.id)) return running.get(mailbox.id);
        const now = ctx.clock.now();
        if (!(await takeMailboxLease(ctx.db, mailbox.id, holder, now, now + leaseMs))) return;
        held.add(mailbox.id);
        const work = pollMailbox(ctx, mailbox, { holder, leaseMs, idleMs: stopped ? 0 : idleMs, isStopped: () => stopped })
          .catch((error: unknown) => ctx.logger.warn({ err: error, mailboxId: mailbox.id }, 'IMAP poll failed; it is retried next round'))
          .finally(() => running.delete(mailbox.id));
        running.set(mailbox.id, work);
        return work;
      }),
    );
  };
  const timer = setInterval(() => void round().catch((error: unknown) => ctx.logger.warn({ err: error }, 'IMAP poll round failed')), intervalMs);
  timer.unref();
  return {
    pollNow: round,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(running.values());
      for (const id of held) await releaseMailboxLease(ctx.db, id, holder);
    },
  };
}

async function pollMailbox(ctx: AppContext, mailbox: MailboxRow, o: { holder: string; leaseMs: number; idleMs: number; isStopped(): boolean }): Promise<void> {
  const { ImapFlow } = await import('imapflow');
  const maxBytes = await emailSettings.get(ctx.db, 'email.max_message_bytes');
  const renew = async () => {
    const now = ctx.clock.now();
    if (!(await takeMailboxLease(ctx.db, mailbox.id, o.holder, now, now + o.leaseMs))) throw new Error(`lost the lease of mailbox ${mailbox.id}`);
  };
  const client = new ImapFlow({
    host: mailbox.imap_host!,
    port: mailbox.imap_port ?? (mailbox.imap_tls === 1 ? 993 : 143),
    secure: mailbox.imap_tls === 1,
    auth: { user: mailbox.imap_user!, pass: openMailboxSecret(ctx.sealKeys, mailbox, 'imap') ?? '' },
    logger: false,
    emitLogs: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(mailbox.imap_folder);
    try {
      await drain(ctx, client, mailbox, maxBytes, renew);
      if (o.idleMs > 0 && client.capabilities.has('IDLE') && !o.isStopped()) {
        const deadline = Date.now() + o.idleMs;
        while (Date.now() < deadline && !o.isStopped()) {
          let arrived = false;
          const onExists = () => (arrived = true);
          client.on('exists', onExists);
          // imapflow enters IDLE by itself while the selected folder is quiet; new mail arrives as 'exists'.
          await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, Math.max(deadline - Date.now(), 0))));
          client.off('exists', onExists);
          await renew();
          if (arrived) await drain(ctx, client, mailbox, maxBytes, renew);
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

type Client = InstanceType<(typeof import('imapflow'))['ImapFlow']>;

/** Ingests every unseen message of the selected folder, acknowledging each (flag or move) only after its commit. */
async function drain(ctx: AppContext, client: Client, mailbox: MailboxRow, maxBytes: number, renew: () => Promise<void>): Promise<void> {
  const uids = (await client.search({ seen: false }, { uid: true })) || [];
  for (const uid of uids) {
    await renew();
    const meta = await client.fetchOne(String(uid), { size: true, envelope: true }, { uid: true });
    if (!meta) continue;
    if ((meta.size ?? 0) > maxBytes) {
      await rejectOversized(ctx, client, mailbox, uid, meta.size ?? 0, meta.envelope?.messageId ?? null, meta.envelope?.subject ?? '');
      continue;
    }
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) continue;
    const mail = await prepareMail(ctx.storage, message.source, maxBytes + 1024);
    try {
      await ingestMessage(ctx, { actor: systemActor('mail'), mailboxId: mailbox.id, source: 'imap', mail });
    } catch (error) {
      await discardPrepared(mail);
      throw error;
    }
    // Committed; a crash here leaves the message unseen, and the next round's dedup row answers.
    faultPoint('email.after_commit_before_ack');
    if (mailbox.imap_processed_folder) {
      await ensureFolder(client, mailbox.imap_processed_folder);
      await client.messageMove(String(uid), mailbox.imap_processed_folder, { uid: true });
    } else {
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }
}

async function rejectOversized(ctx: AppContext, client: Client, mailbox: MailboxRow, uid: number, size: number, messageId: string | null, subject: string): Promise<void> {
  const now = ctx.clock.now();
  // Recorded before it is moved (a crash in between records it once: the key is the folder's UID).
  await insertMessage(ctx.db, {
    mailbox_id: mailbox.id,
    source: 'imap',
    message_id: messageId,
    raw_sha256: '-',
    raw_size: size,
    dedup_key: `oversized:${mailbox.id}:${messageId ?? ''}:${size}:${uid}`,
    from_address: null,
    subject: subject.slice(0, 1000),
    state: 'rejected',
    flags: JSON.stringify(['oversized']),
    problems: JSON.stringify([`larger than email.max_message_bytes (${size} bytes)`]),
    ticket_id: null,
    article_id: null,
    contact_id: null,
    thread_root: null,
    visible_body: '',
    folded_body: '',
    html: null,
    received_at: now,
    decided_at: now,
  });
  await ensureFolder(client, mailbox.imap_rejected_folder);
  await client.messageMove(String(uid), mailbox.imap_rejected_folder, { uid: true });
}

async function ensureFolder(client: Client, path: string): Promise<void> {
  const list = await client.list();
  if (!list.some((f) => f.path === path)) await client.mailboxCreate(path);
}

/** Who holds a mailbox's lease now (admin views and tests). */
export { leaseOf };
