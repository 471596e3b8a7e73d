import type { AddressInfo } from 'node:net';
import type { SMTPServerAuthentication, SMTPServerSession } from 'smtp-server';
import { systemActor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../context.ts';
import { faultPoint } from '../../../platform/testing/faults.ts';
import { findUserByEmail, jobActorLoader, verifyPassword } from '../../access/index.ts';
import { emailSettings } from '../email.settings.ts';
import { activeMailboxByAddress } from '../mailboxes/mailboxes.repository.ts';
import { ingestMessage } from '../commands/ingest-message.ts';
import { discardPrepared, prepareMail } from './prepared-mail.ts';
import { relayAllowList } from './relay-access.ts';

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

type Session = SMTPServerSession & { pishkhanMailboxId?: number };

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * The built-in SMTP receiver (smtp-server), started by `pishkhan start`. Mail is accepted only from
 * the relay addresses (PISHKHAN_SMTP_RELAY_FROM, default loopback) or after SMTP AUTH by an active
 * admin agent (their sign-in password; plain AUTH is allowed because the receiver has no TLS
 * certificate — keep it on a trusted network). The recipient decides the mailbox: an address that
 * is no active mailbox is refused at RCPT (550). SIZE is advertised from `email.max_message_bytes`
 * and more is refused with 552. Each message is one `email.ingest` command in its own unit of
 * work: on SQLite messages arriving together share a commit (the platform's group commit, ADR
 * 0029), on PostgreSQL each is its own transaction on the pool (ADR 0023). The 250 goes out only
 * after the commit holding the message. No reverse DNS lookup of clients: the relay check is by
 * address, and a slow resolver would stall every connection.
 */
export async function startSmtpReceiver(ctx: AppContext, options: { port: number; host: string; relayFrom: readonly string[] }): Promise<SmtpReceiver> {
  const { SMTPServer } = await import('smtp-server');
  const maxBytes = await emailSettings.get(ctx.db, 'email.max_message_bytes');
  const mayRelay = relayAllowList(options.relayFrom);
  const loadActor = jobActorLoader(ctx);
  const server = new SMTPServer({
    name: 'pishkhan',
    banner: 'Pishkhan service desk',
    size: maxBytes,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    socketTimeout: 60_000,
    disableReverseLookup: true,
    async onAuth(auth: SMTPServerAuthentication, _session, callback) {
      try {
        const user = auth.username ? await findUserByEmail(ctx.db, auth.username) : undefined;
        const ok = !!user && user.active === 1 && !!auth.password && (await verifyPassword(user.password_hash, auth.password));
        const actor = ok ? await loadActor(ctx.db, user!.id) : null;
        if (!actor || actor.kind !== 'user' || !actor.agent?.roles.has('admin')) return callback(smtpError(535, '5.7.8 Authentication failed'));
        callback(null, { user: user!.id });
      } catch (error) {
        callback(error as Error);
      }
    },
    onMailFrom(_address, session, callback) {
      if (session.user === undefined && !mayRelay(session.remoteAddress)) return callback(smtpError(530, '5.7.1 Relaying is not allowed from this address; authenticate first'));
      callback();
    },
    async onRcptTo(address, session: Session, callback) {
      try {
        const mailbox = await activeMailboxByAddress(ctx.db, address.address);
        if (!mailbox) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
        session.pishkhanMailboxId ??= mailbox.id;
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    onData(stream, session: Session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          ctx.logger.info({ size, maxBytes }, 'Refused an oversized message');
          return callback(smtpError(552, `5.3.4 Message too big: ${size} bytes, the limit is ${maxBytes}`));
        }
        void deliver(chunks, session.pishkhanMailboxId!).then(
          (outcome) => {
            // Between the commit and the 250: a crash here makes the client deliver again, and the dedup row answers.
            faultPoint('email.after_commit_before_ack');
            callback(null, `Message ${outcome.duplicate ? 'already ' : ''}accepted (${outcome.state} ${outcome.messageRowId})`);
          },
          (error: unknown) => {
            ctx.logger.error({ err: error }, 'Could not ingest a message; the client is told to retry');
            callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
          },
        );
      });
    },
  });

  async function deliver(raw: Buffer[], mailboxId: number) {
    const mail = await prepareMail(ctx.storage, raw, maxBytes + 1024);
    try {
      return await ingestMessage(ctx, { actor: systemActor('mail'), mailboxId, source: 'smtp', mail });
    } catch (error) {
      await discardPrepared(mail);
      throw error;
    }
  }

  server.on('error', (error) => ctx.logger.warn({ err: error }, 'SMTP receiver error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
