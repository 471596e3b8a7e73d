import { defineSettings } from '../../platform/settings/index.ts';

/** The accounts settings an admin may change (Admin → Settings); bootstrap writes these defaults once. */
export const accessSettings = defineSettings({
  /** How long a ticket's magic link (in the "request received" mail) lets its customer in. */
  'access.ticket_link_days': 30 as number,
  /** Failed sign-ins of one account before each further try must wait (1 s, doubling, at most 5 min). */
  'access.backoff_after_failures': 3 as number,
  /** Failed sign-ins of one account that lock it for `access.lock_minutes` (a notice goes to the account; an admin may unlock). Never permanent. */
  'access.lock_after_failures': 10 as number,
  'access.lock_minutes': 15 as number,
  /** Failed attempts from one IP address before each further try from it must wait (doubling, at most 5 min). */
  'access.ip_backoff_after_failures': 20 as number,
  /** A session unused this long ends (sliding); and no session lives longer than the absolute limit. */
  'access.session_idle_minutes': 14 * 24 * 60 as number,
  'access.session_absolute_days': 30 as number,
  /** Customers may create their own portal sign-in (email verified by a one-time link). Off by default. */
  'access.portal_sign_up': false as boolean,
  /** Admins must use a second factor (TOTP) before they reach anything else. */
  'access.totp_required_for_admins': false as boolean,
  /** Agents sign in through single sign-on only (modules/sso); agents with the admin role keep their password as a way in when the directory is down. */
  'access.agents_require_sso': false as boolean,
});
