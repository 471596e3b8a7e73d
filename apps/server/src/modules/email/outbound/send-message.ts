import type { Readable } from 'node:stream';
import type { AppContext } from '../../../context.ts';
import type { JobOutsideWork } from '../../../platform/jobs/index.ts';
import type { DB, Db } from '../../../schema.ts';
import { findOutbound, markOutbound, type OutboundRow } from './outbound.repository.ts';
import { isPermanentRefusal, relayFor, transportFor } from './relay.ts';
import type { MailAddress } from './compose.ts';

const format = (a: MailAddress) => (a.name ? { name: a.name, address: a.address } : a.address);

/**
 * Hands one recorded mail to its relay (the mailbox's own, or the default), in two steps so that
 * the relay's conversation never holds a transaction open (on SQLite the one connection would wait
 * for the relay, every other write with it). In the job's transaction: only a queued mail is sent
 * (a re-run after success changes nothing); no relay → held at once (`no_relay`; it goes once one
 * is configured, or is retried). Otherwise it hands back outside work (the jobs port's
 * `JobOutsideWork`): the message is built and sent with no transaction open, then the outcome is
 * recorded in a short one — sent; a 5xx refusal failed at once (`relay_refused`); anything else
 * throws so the job retries with back-off, and the last attempt records it failed
 * (`relay_unreachable`) with the reason. A crash after the relay's 250 and before that record sends
 * the mail again under the same Message-ID (at least once; the recipient's client shows one).
 */
export async function sendOutbound(
  trx: Db,
  ctx: Pick<AppContext, 'clock' | 'sealKeys' | 'storage' | 'logger'>,
  input: { outboundId: number; attempt: number; maxAttempts: number },
): Promise<JobOutsideWork<DB> | undefined> {
  const row = await findOutbound(trx, input.outboundId);
  if (!row || row.status !== 'queued') return undefined;
  const relay = await relayFor(trx, ctx.sealKeys, row.mailbox_id);
  const now = () => ctx.clock.now();
  if (!relay) {
    await markOutbound(trx, row.id, { status: 'held', reason: 'no_relay', last_error: null, updated_at: now() });
    return undefined;
  }
  return {
    async outside() {
      try {
        const transport = transportFor(relay);
        try {
          await transport.sendMail(await messageOf(ctx, row));
        } finally {
          transport.close();
        }
      } catch (error) {
        const message = describe(error);
        const permanent = isPermanentRefusal(error);
        if (permanent || input.attempt >= input.maxAttempts) {
          ctx.logger.warn({ outboundId: row.id, reason: message }, 'mail could not be sent');
          return (db) => markOutbound(db, row.id, { status: 'failed', reason: permanent ? 'relay_refused' : 'relay_unreachable', last_error: message, attempts: input.attempt, updated_at: now() });
        }
        throw new Error(`relay ${relay.host}:${relay.port}: ${message}`);
      }
      return (db) => markOutbound(db, row.id, { status: 'sent', reason: null, last_error: null, attempts: input.attempt, sent_at: now(), updated_at: now() });
    },
  };
}

/** The nodemailer message of a row: our Message-ID and threading headers, text and HTML, the files from storage. */
async function messageOf(ctx: Pick<AppContext, 'storage'>, row: OutboundRow) {
  const list = (json: string) => (JSON.parse(json) as MailAddress[]).map(format);
  const files = JSON.parse(row.attachments_json) as Array<{ sha256: string; filename: string; contentType: string }>;
  const attachments: Array<{ filename: string; contentType: string; content: Readable }> = [];
  for (const f of files) attachments.push({ filename: f.filename, contentType: f.contentType, content: await ctx.storage.get(f.sha256) });
  const headers: Record<string, string> = {};
  if (row.thread_index) headers['Thread-Index'] = row.thread_index;
  // Our own mail says it is automatic only when it is a notification: a reply is a person writing.
  if (row.purpose === 'notification') headers['Auto-Submitted'] = 'auto-generated';
  headers['X-Auto-Response-Suppress'] = 'All';
  return {
    from: format({ address: row.from_address, name: row.from_name }),
    to: list(row.to_json),
    cc: list(row.cc_json),
    bcc: list(row.bcc_json),
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    messageId: row.message_id,
    ...(row.in_reply_to ? { inReplyTo: row.in_reply_to } : {}),
    ...(row.references_header ? { references: row.references_header } : {}),
    headers,
    attachments,
  };
}

/** An error's message for the record: no stack, no credentials (nodemailer never puts the password in it). */
function describe(error: unknown): string {
  const e = error as { message?: string; responseCode?: number; code?: string };
  return [e.code, e.responseCode, e.message].filter((x) => x !== undefined && x !== '').join(' ').slice(0, 500) || 'unknown error';
}
