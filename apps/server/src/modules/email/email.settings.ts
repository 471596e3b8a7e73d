import { defineSettings } from '../../platform/settings/index.ts';

/** Business settings of the email channel (rows in `settings`, written with these defaults at first start). */
export const emailSettings = defineSettings({
  /** Raw size limit of one inbound message: SMTP advertises it (SIZE) and refuses more with 552; IMAP moves such mail aside. */
  'email.max_message_bytes': (50 * 1024 * 1024) as number,
  /** Mail from an address no contact has: 'accept' (a new contact), 'hold' (held for an admin's review) or 'reject'. */
  'email.unknown_senders': 'accept' as 'accept' | 'hold' | 'reject',
  /** More messages than this from one sender within an hour are kept but make no article (a mail loop). */
  'email.sender_limit_per_hour': 30 as number,
});
