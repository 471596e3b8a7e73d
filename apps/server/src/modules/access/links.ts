import type { EventMap } from '@pishkhan/contracts';
import type { Clock } from '../../platform/clock/index.ts';
import { issueOneTimeToken, seal, type SealKey } from '../../platform/crypto/index.ts';
import { recordEvent } from '../../platform/events/index.ts';
import type { Db } from '../../schema.ts';

/** Invitations, password resets and sign-up checks live one hour and work once (the foundation's one-time tokens). */
export const LINK_TTL_MS = 60 * 60_000;

/** The seal context of `access.link_issued`'s `sealedLink` (the secret rotation re-seals it). */
export const LINK_SEAL_CONTEXT = 'access.link';

export type LinkPurpose = EventMap['access.link_issued']['purpose'];

/** The one-time-token purposes: an invitation names a sign-in (`user:<id>`) or a contact still without one (`contact:<id>`). */
export const TOKEN_PURPOSE = { invitation: 'access.invitation', password_reset: 'access.password_reset', sign_up: 'access.sign_up' } as const;

/** The web app's page for each link; the token rides in the fragment, so it never reaches a server log or a Referer. */
const PAGES: Record<LinkPurpose, string> = {
  invitation: '/invitation',
  password_reset: '/reset-password',
  // The portal's page: the customer lands signed in there.
  sign_up: '/portal/sign-up/verify',
  ticket_link: '/portal/ticket-link',
};

export function linkUrl(publicUrl: string, purpose: LinkPurpose, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${PAGES[purpose]}#token=${token}`;
}

export interface LinkContext {
  db: Db;
  clock: Clock;
  sealKeys: SealKey[];
  config: { publicUrl: string };
}

export interface IssuedLink {
  link: string;
  expiresAt: number;
}

/**
 * Issues a one-time link and hands it to the notification channels (`access.link_issued`, the link
 * sealed) in the caller's unit of work. Returns it too, for an admin to pass on where no mail relay is set.
 */
export async function issueLink(
  ctx: LinkContext,
  input: { purpose: Exclude<LinkPurpose, 'ticket_link'>; subject: string; userId: number | null; contactId: number | null; to: string; language: 'fa' | 'en'; carried?: boolean },
): Promise<IssuedLink> {
  const token = await issueOneTimeToken(ctx.db, ctx.clock, { purpose: TOKEN_PURPOSE[input.purpose], subject: input.subject, ttlMs: LINK_TTL_MS });
  const link = linkUrl(ctx.config.publicUrl, input.purpose, token);
  const expiresAt = ctx.clock.now() + LINK_TTL_MS;
  await announceLink(ctx, { purpose: input.purpose, userId: input.userId, contactId: input.contactId, ticketId: null, to: input.to, language: input.language, link, expiresAt, ...(input.carried ? { carried: true } : {}) });
  return { link, expiresAt };
}

export async function announceLink(
  ctx: LinkContext,
  input: Omit<EventMap['access.link_issued'], 'sealedLink'> & { link: string },
): Promise<void> {
  const { link, ...rest } = input;
  const first = ctx.sealKeys[0];
  if (!first) throw new Error('no seal key');
  await recordEvent(ctx.db, ctx.clock, 'access.link_issued', { ...rest, sealedLink: seal(first, link, LINK_SEAL_CONTEXT) });
}
