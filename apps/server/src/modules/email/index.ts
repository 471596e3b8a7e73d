import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import type { Contribution } from '../../platform/modules.ts';
import { registerMailboxRoutes } from './mailboxes/mailboxes.routes.ts';
import { registerInboundRoutes } from './inbound/inbound.routes.ts';
import { emailSettings } from './email.settings.ts';

/** The email module's public face: mailboxes, the Message-ID token (shared with mail out), registration. */
export { createMailbox } from './commands/create-mailbox.ts';
export { updateMailbox } from './commands/update-mailbox.ts';
export { ensureDefaultMailbox, DEFAULT_MAILBOX_ADDRESS } from './mailboxes/default-mailbox.ts';
export { openMailboxSecret, resealMailboxSecrets, type MailboxSecret } from './mailboxes/mailbox-secrets.ts';
export { resealDefaultRelay } from './outbound/outbound.settings.ts';
export {
  findMailboxRow as findMailbox,
  activeMailboxByAddress,
  activeMailboxesOfKind,
  allMailboxAddressKeys,
  addressKey,
  type MailboxRow,
} from './mailboxes/mailboxes.repository.ts';
export {
  formatMessageId,
  parseMessageId,
  splitMessageIds,
  messageIdDomain,
  uniquePart,
  ticketMessageToken,
  outgoingMessageId,
  verifiedTicketIds,
  type TicketMessageId,
  type TokenContext,
} from './threading/message-id.ts';

/** Mail out (email/outbound; the mailout engineer's): its registration, the notification mailer, and the Message-ID record mail in threads on. */
export { registerOutbound, createOutboundMailer, outboundByMessageId } from './outbound/index.ts';

export { ingestMessage, type IngestResult } from './commands/ingest-message.ts';
export { acceptHeldMail } from './commands/accept-held-mail.ts';
export { rejectHeldMail } from './commands/reject-held-mail.ts';
export { prepareMail, discardPrepared, type PreparedMail } from './inbound/prepared-mail.ts';
export { startSmtpReceiver, type SmtpReceiver } from './inbound/smtp-receiver.ts';
export { startImapPollers, type ImapPollers } from './inbound/imap-poller.ts';
export { mayAutoReply, safetyFlags } from './inbound/safety.ts';
export { flagsOfArticle, bouncingAddresses, referencedRawBlobs, emailMergeMover } from './inbound/messages.repository.ts';
export { parseMail, htmlToText, type ParsedMail, type MailAddress, type MailAttachment } from './parsing/parse-mail.ts';
export { foldReply, foldHtmlReply, type FoldedBody } from './bodies/fold-quotes.ts';
export { emailSettings } from './email.settings.ts';

/** Registers the mailbox admin API and mail in's routes (held-mail review, a ticket's inbound mail, raw download); contributes the email settings. */
export function registerEmail(app: App, ctx: AppContext): Contribution<AppContext> {
  registerMailboxRoutes(app, ctx);
  registerInboundRoutes(app, ctx);
  return { module: 'email', settings: [emailSettings] };
}
