import type { SealedValue } from './platform/crypto/index.ts';
import { resealEventField } from './platform/events/index.ts';
import { LINK_SEAL_CONTEXT, resealTotpSecrets } from './modules/access/index.ts';
import { resealDefaultRelay, resealMailboxSecrets } from './modules/email/index.ts';
import { resealSsoSecrets } from './modules/sso/index.ts';

/**
 * Every kind of sealed value the desk stores: the one list the secret rotation job re-seals
 * (`pishkhan secret rotate`, ADR 0022). sealed-values.db.test.ts checks it against the schema's
 * `*_sealed` columns and against every source file that calls seal(): add a sealed value here.
 * A value whose reseal covers two columns lists both.
 */
export const sealedValues: readonly SealedValue[] = [
  {
    where: 'mailboxes.imap_password_sealed, mailboxes.relay_password_sealed',
    columns: [
      { table: 'mailboxes', column: 'imap_password_sealed' },
      { table: 'mailboxes', column: 'relay_password_sealed' },
    ],
    sealedIn: ['modules/email/mailboxes/mailbox-secrets.ts'],
    reseal: (db, keys) => resealMailboxSecrets(db, keys),
  },
  {
    where: "setting email.default_relay's passwordSealed",
    sealedIn: ['modules/email/commands/set-default-relay.ts'],
    reseal: (db, keys, now) => resealDefaultRelay(db, keys, now),
  },
  {
    where: "event access.link_issued's sealedLink (outbox and its jobs)",
    sealedIn: ['modules/access/links.ts'],
    reseal: (db, keys) => resealEventField(db, keys, { event: 'access.link_issued', field: 'sealedLink', context: LINK_SEAL_CONTEXT }),
  },
  {
    where: 'user_totp.secret_sealed',
    columns: [{ table: 'user_totp', column: 'secret_sealed' }],
    sealedIn: ['modules/access/totp.ts'],
    reseal: (db, keys) => resealTotpSecrets(db, keys),
  },
  {
    where: 'sso_directories.bind_password_sealed, sso_oidc_providers.client_secret_sealed',
    columns: [
      { table: 'sso_directories', column: 'bind_password_sealed' },
      { table: 'sso_oidc_providers', column: 'client_secret_sealed' },
    ],
    sealedIn: ['modules/sso/sso-secrets.ts'],
    reseal: (db, keys) => resealSsoSecrets(db, keys),
  },
  {
    // A browser's OIDC flow cookie lives 10 minutes and is never stored here: nothing to re-seal;
    // one begun under the old key still opens while PISHKHAN_SECRET_PREVIOUS is set.
    where: 'the OIDC sign-in flow cookie (in the browser, 10 minutes)',
    sealedIn: ['modules/sso/oidc/flow-cookie.ts'],
    reseal: async () => 0,
  },
];
