import { rmSync } from 'node:fs';
import os from 'node:os';
import { toPersianDigits, tokenize } from '@pishkhan/text';
import { BENCH_ANALYST, BENCH_PASSWORD, benchTarget, withBenchDb } from '../lib/bench-data.ts';
import { requestedProfileDir, topSelfTime } from '../lib/profile.ts';
import { signInHeaders, startServer, type RunningServer, type Target } from '../lib/server.ts';
import { load } from './load.ts';
import type { BenchSuite, LoadFigures } from './types.ts';

/**
 * The fixed queries, from the generator's vocabulary (apps/server/src/seed/words.ts) and chosen by
 * how many bench tickets hold them — the suite counts and prints the real share on every run:
 * - rare: a branch office (BRANCHES; about 0.5 % of tickets, ≤ 1 %),
 * - tenPercent: «تمدید» (renewal; about 10 %),
 * - commonest: «و» (and), the commonest Persian word of the bench text (about 87 %),
 * - phrase: «صندوق پستی» (mailbox) as a phrase (about 8 %),
 * - typo: «پرینتتر», which no ticket holds: widened to «پرینتر» (printer, about 9 %) by trigrams.
 * The phone (a seeded contact's, in Persian digits) and the ticket number (the middle ticket's,
 * `#` and Persian digits) are read from the database at run time.
 */
export const SEARCH_QUERIES = {
  rare: 'تجریش',
  tenPercent: 'تمدید',
  commonest: 'و',
  phrase: '"صندوق پستی"',
  typo: 'پرینتتر',
} as const;
const TYPO_MEANT = 'پرینتر';
/** Connections of each load run: one agent (p99 is the request's own time; the targets read it), then a few at once. */
const CONNECTIONS = [1, 4] as const;
/** The targets (issue 8): p99 at one connection. */
const TARGET_P99_MS = { rare: 50, phrase: 50, phonePersianDigits: 50, ticketNumber: 50, commonest: 300 } as const;

type Query = 'rare' | 'tenPercent' | 'commonest' | 'phrase' | 'typo' | 'phonePersianDigits' | 'ticketNumber';

function quoteLexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** How many tickets hold these tokens in this order (any field, as the analyst's search matches: notes too), straight from the index. */
async function ticketsHolding(target: Target, tokens: readonly string[]): Promise<number> {
  return withBenchDb(target, async (query) => {
    const rows =
      target.dialect === 'sqlite'
        ? await query('select count(*) as n from search_fts where search_fts match ? and rowid % 4 = 1', [`"${tokens.join(' ').replace(/"/g, '""')}"`])
        : await query("select count(*)::int as n from search_entries where kind = 'ticket' and tsv @@ ?::tsquery", [tokens.map(quoteLexeme).join(' <-> ')]);
    return Number(rows[0]!.n);
  });
}

/** The seeded facts the phone and number queries need: a contact's phone (the requester of the middle ticket) and that ticket's number. */
async function seededSamples(target: Target): Promise<{ tickets: number; ticketId: number; number: number; contactId: number; e164: string }> {
  return withBenchDb(target, async (query) => {
    const tickets = Number((await query('select count(*) as n from tickets'))[0]!.n);
    const t = (await query('select id, number, requester_contact_id from tickets order by id limit 1 offset ?', [Math.floor(tickets / 2)]))[0]!;
    const phone = (await query('select phone_e164 from contact_phones where contact_id = ? order by position limit 1', [t.requester_contact_id]))[0]!;
    return { tickets, ticketId: Number(t.id), number: Number(t.number), contactId: Number(t.requester_contact_id), e164: String(phone.phone_e164) };
  });
}

interface SearchItem {
  type: string;
  id: number;
}

async function probe(url: string, headers: Record<string, string>): Promise<{ items: SearchItem[]; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  const ms = Math.round((performance.now() - started) * 10) / 10;
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return { items: ((await res.json()) as { items: SearchItem[] }).items, ms };
}

/**
 * Search at bench scale through a real `pishkhan start` (jobs and the outbox dispatcher on), read
 * as the analyst in three groups: `GET /api/v1/search?q=` for each query at 1 and 4 connections
 * (p50, p99, req/s), with the share of tickets that hold its words, and `GET /api/v1/tickets?q=`
 * (the ticket list's text filter) for the rare and the ten-percent word. `--profile` adds the
 * server's top self-time functions.
 */
export const searchSuite: BenchSuite = {
  name: 'search',
  description: 'search (terms by share of tickets, a phrase, a typo, a phone in Persian digits, a ticket number) and the ticket list’s q at bench scale, through a real pishkhan start',
  async run(opts) {
    const durationS = opts.smoke ? 1 : 5;
    const { target, cleanup } = benchTarget(opts, 'search');
    const profDir = requestedProfileDir();
    let server: RunningServer | undefined;
    try {
      const sample = await seededSamples(target);
      const national = `0${sample.e164.slice(3)}`;
      const queries: Record<Query, string> = { ...SEARCH_QUERIES, phonePersianDigits: toPersianDigits(national), ticketNumber: `#${toPersianDigits(String(sample.number))}` };
      const holderTokens: Record<Query, string[]> = {
        rare: tokenize(SEARCH_QUERIES.rare),
        tenPercent: tokenize(SEARCH_QUERIES.tenPercent),
        commonest: tokenize(SEARCH_QUERIES.commonest),
        phrase: tokenize(SEARCH_QUERIES.phrase),
        typo: tokenize(TYPO_MEANT),
        // The index holds a phone's E.164 digits (every spelling's token) and a ticket's number.
        phonePersianDigits: [sample.e164.slice(1)],
        ticketNumber: [String(sample.number)],
      };
      const share: Record<string, { tickets: number; pct: number }> = {};
      for (const [name, tokens] of Object.entries(holderTokens)) {
        const n = await ticketsHolding(target, tokens);
        share[name] = { tickets: n, pct: Math.round((n / sample.tickets) * 100_000) / 1000 };
        opts.log(`${name} ${queries[name as Query]}: held by ${n} of ${sample.tickets} tickets (${share[name]!.pct} %)`);
      }

      server = await startServer(target, profDir ? { cpuProfDir: profDir } : {});
      await new Promise((r) => setTimeout(r, opts.smoke ? 200 : 2000));
      const rssIdleMb = server.rssMb();
      const rss: number[] = [];
      const sampleRss = () => rss.push(server!.rssMb());
      const headers = await signInHeaders(server.url, BENCH_ANALYST, BENCH_PASSWORD);
      const base = `${server.url}/api/v1`;
      const searchUrl = (q: string) => `${base}/search?q=${encodeURIComponent(q)}&limit=20`;

      // Warm the server (JIT, SQLite page cache) on every query before measuring any.
      for (const name of Object.keys(queries) as Query[]) for (let i = 0; i < (opts.smoke ? 2 : 5); i++) await probe(searchUrl(queries[name]), headers);
      const perQuery: Record<string, Record<string, unknown>> = {};
      for (const name of Object.keys(queries) as Query[]) {
        const url = searchUrl(queries[name]);
        // What it finds: the phone must reach its contact, the number its ticket.
        const first = await probe(url, headers);
        const found =
          name === 'phonePersianDigits'
            ? first.items.some((h) => h.type === 'contact' && h.id === sample.contactId)
            : name === 'ticketNumber'
              ? first.items.some((h) => h.type === 'ticket' && h.id === sample.ticketId)
              : first.items.length > 0;
        if (!found && !opts.smoke) throw new Error(`search ${name} (${queries[name]}) found nothing it should: ${JSON.stringify(first.items.slice(0, 3))}`);
        const runs: Record<string, LoadFigures> = {};
        for (const c of CONNECTIONS) runs[`c${c}`] = await load({ url, headers, duration: durationS, connections: c }, sampleRss);
        perQuery[name] = { q: queries[name], share: share[name], firstPageHits: first.items.length, found, probeMs: first.ms, ...runs };
        opts.log(`${name}: p99 ${runs.c1!.p99Ms} ms at 1 connection, ${runs[`c${CONNECTIONS.at(-1)}`]!.rps} req/s at ${CONNECTIONS.at(-1)}`);
      }

      const ticketList: Record<string, unknown> = {};
      for (const name of ['rare', 'tenPercent'] as const) {
        const url = `${base}/tickets?q=${encodeURIComponent(SEARCH_QUERIES[name])}&limit=25`;
        ticketList[name] = { q: SEARCH_QUERIES[name], share: share[name], c1: await load({ url, headers, duration: durationS, connections: 1 }, sampleRss) };
      }

      const targets = Object.fromEntries(
        Object.entries(TARGET_P99_MS).map(([name, ms]) => {
          const p99 = (perQuery[name]!.c1 as LoadFigures).p99Ms;
          return [name, { p99Ms: p99, targetMs: ms, met: p99 <= ms }];
        }),
      );
      const result: Record<string, unknown> = {
        dialect: target.dialect,
        tickets: sample.tickets,
        search: perQuery,
        ticketList,
        targets,
        rssIdleMb,
        rssLoad: { minMb: Math.min(...rss), maxMb: Math.max(...rss) },
        loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      };
      await server.stop();
      server = undefined;
      if (profDir) result.profileTop = topSelfTime(profDir);
      return result;
    } finally {
      await server?.stop();
      if (profDir) rmSync(profDir, { recursive: true, force: true });
      cleanup();
    }
  },
};
