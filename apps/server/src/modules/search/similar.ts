import type { SimilarTicketsPage } from '@pishkhan/contracts';
import { tokenize } from '@pishkhan/text';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../platform/policy/index.ts';
import { compileTicketFilter, loadTicketAccess, ticketMatches, ticketPolicy, ticketSearchSources } from '../tickets/index.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'search'>;

/** Distinct words of the ticket looked at, at most; and the words that weigh in the end. */
const CANDIDATE_WORDS = 60;
const QUERY_WORDS = 16;
const DF_CAP = 100_000;
const LETTER = /\p{L}/u;

/**
 * The most similar earlier tickets (lower numbers) to one ticket, by their public text: the
 * ticket's distinctive words (tf × idf from the index; title words count double, words no other
 * ticket holds are dropped) scored over every earlier ticket the reader may see, open and resolved
 * alike. The ground for problem management and for suggesting a known answer. 404 when the
 * reader may not see the ticket.
 */
export async function similarTickets(ctx: Ctx, actor: Actor, ticketId: number, limit: number): Promise<SimilarTicketsPage> {
  const access = await loadTicketAccess(ctx.db, ticketId);
  authorize(ticketPolicy, actor, 'read', access);
  const [source] = await ticketSearchSources(ctx.db, [ticketId]);
  if (!source) return { items: [] };
  const tf = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const t of tokenize(text)) if (LETTER.test(t) || t.length >= 4) tf.set(t, (tf.get(t) ?? 0) + weight);
  };
  add(source.title, 2);
  add([source.description, ...source.articles.filter((a) => !a.internal).map((a) => a.body)].join('\n'), 1);
  const words = [...tf].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATE_WORDS).map(([t]) => t);
  const [df, total] = await Promise.all([ctx.search.documentFrequency(ctx.db, 'ticket', words, DF_CAP), ctx.search.count(ctx.db, 'ticket')]);
  const weighted = words
    .map((token) => {
      const n = df.get(token) ?? 0;
      const idf = Math.log(1 + (total - n + 0.5) / (n + 0.5));
      return { token, n, weight: idf * Math.sqrt(tf.get(token)!) };
    })
    .filter((w) => w.n > 1)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, QUERY_WORDS)
    .map(({ token, weight }) => ({ token, weight }));
  const scope = ticketMatches(compileTicketFilter({ field: 'number', op: 'lt', value: source.number }, { actor, now: ctx.clock.now() }));
  const hits = await ctx.search.weighted(ctx.db, { kind: 'ticket', tokens: weighted, internal: false, scope, limit });
  const rows = new Map((await ticketSearchSources(ctx.db, hits.map((h) => h.id))).map((t) => [t.id, t]));
  return {
    items: hits.flatMap((h) => {
      const t = rows.get(h.id);
      return t ? [{ id: t.id, number: t.number, title: t.title, status: t.status, score: Math.round(h.score * 1000) / 1000, createdAt: new Date(t.createdAt).toISOString() }] : [];
    }),
  };
}
