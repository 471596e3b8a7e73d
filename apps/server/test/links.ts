import type { EventMap } from '@pishkhan/contracts';
import { open } from '../src/platform/crypto/index.ts';
import type { TestApp } from './harness.ts';

/** The token in a link's fragment (`…#token=…`). */
export function tokenOfLink(link: string): string {
  return /#token=([A-Za-z0-9_-]+)/.exec(link)![1]!;
}

/**
 * The last link announced to the notification channels (`access.link_issued` in the outbox), opened
 * with the desk's key as a mail driver would: how a test receives what would be mailed.
 */
export async function lastIssuedLink(t: Pick<TestApp, 'ctx'>, to?: string): Promise<EventMap['access.link_issued'] & { link: string; token: string }> {
  const q = t.ctx.db.selectFrom('outbox').select(['payload']).where('event', '=', 'access.link_issued').orderBy('id', 'desc');
  const rows = await q.limit(50).execute();
  const payloads = rows.map((r) => JSON.parse(r.payload) as EventMap['access.link_issued']);
  const payload = to === undefined ? payloads[0] : payloads.find((p) => p.to === to);
  if (!payload) throw new Error(`no link issued${to ? ` to ${to}` : ''}`);
  const link = open(t.ctx.sealKeys, payload.sealedLink, 'access.link');
  return { ...payload, link, token: tokenOfLink(link) };
}

/** How many links were announced to an address (none for an unknown email). */
export async function linksIssuedTo(t: Pick<TestApp, 'ctx'>, to: string): Promise<number> {
  const rows = await t.ctx.db.selectFrom('outbox').select(['payload']).where('event', '=', 'access.link_issued').execute();
  return rows.filter((r) => (JSON.parse(r.payload) as { to: string }).to === to).length;
}
