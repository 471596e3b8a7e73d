import path from 'node:path';
import Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { parseMail } from '../../apps/server/src/modules/email/parsing/parse-mail.ts';
import { generateMail, type GeneratedMail } from '../lib/mail-corpus.ts';
import { startServer, type RunningServer } from '../lib/server.ts';
import { requestedProfileDir, topSelfTime } from '../lib/profile.ts';
import { sqliteCommitCeiling } from '../lib/ceilings.ts';
import { drained, freshTarget } from '../lib/targets.ts';
import type { BenchSuite } from './types.ts';

const CONNECTIONS = 8;

/** The bare parser (mailparser and our repairs: what every message costs before any database work), one core, in this process. */
async function parserRate(mails: GeneratedMail[]): Promise<{ messages: number; seconds: number; messagesPerS: number }> {
  const t0 = performance.now();
  for (const m of mails) await parseMail(m.raw);
  const seconds = (performance.now() - t0) / 1000;
  return { messages: mails.length, seconds: round(seconds, 2), messagesPerS: Math.round(mails.length / seconds) };
}

/** Every message over CONNECTIONS pooled SMTP connections; the 250 of each comes after its commit, so the last 250 is the last commit. */
async function ingestRate(server: RunningServer, mails: GeneratedMail[]): Promise<{ messages: number; seconds: number; messagesPerS: number; refused: number }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });
  let refused = 0;
  const t0 = performance.now();
  await Promise.all(
    mails.map((m) =>
      transport.sendMail({ envelope: { from: m.from, to: ['support@localhost'] }, raw: m.raw }).catch(() => {
        refused++;
      }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  transport.close();
  return { messages: mails.length, seconds: round(seconds, 2), messagesPerS: Math.round(mails.length / seconds), refused };
}

/** What the server committed, read from its database (states of the message rows, articles made by mail). */
function committed(dataDir: string): { rows: number; states: Record<string, number>; emailArticles: number; outboxEvents: number; jobs: number } {
  const db = new Database(path.join(dataDir, 'pishkhan.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const states = Object.fromEntries((db.prepare('select state, count(*) as n from email_messages group by state').all() as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
    const rows = Object.values(states).reduce((a, b) => a + b, 0);
    const count = (q: string) => Number((db.prepare(q).get() as { n: number }).n);
    const emailArticles = count("select count(*) as n from articles where channel = 'email'");
    // What else the server wrote for the mail (each job its own transaction and durable commit).
    return { rows, states, emailArticles, outboxEvents: count('select count(*) as n from outbox'), jobs: count('select count(*) as n from jobs') };
  } finally {
    db.close();
  }
}

export const emailSuite: BenchSuite = {
  name: 'email',
  description: `generated mail (text, HTML, files, replies; 30 % windows-1256) into a real pishkhan start over ${CONNECTIONS} SMTP connections, receipt → committed article, against the bare parser interleaved (SQLite)`,
  async run(opts) {
    // BENCH_EMAIL_MESSAGES runs fewer (a loaded machine); the figure is messages/s either way.
    const n = opts.smoke ? 200 : Number(process.env.BENCH_EMAIL_MESSAGES ?? 10_000);
    const mails = generateMail(n);
    const rawMb = round(mails.reduce((s, m) => s + m.raw.length, 0) / 1024 / 1024, 1);
    opts.log(`${n} messages, ${rawMb} MB raw; parser, ingest, parser`);
    const { target, drop } = await freshTarget('sqlite');
    try {
      await parseMail(mails[0]!.raw); // loads mailparser and the sanitiser once
      const parserBefore = await parserRate(mails);
      opts.log(`parser: ${parserBefore.messagesPerS} messages/s`);
      // What one durable commit costs on this disk (synchronous=FULL): the ceiling of one-commit-per-message ingest.
      const ceiling = sqliteCommitCeiling(target.dataDir, opts.smoke ? 0.5 : 3);
      // --profile: the server's CPU profile over the ingest and the drain (top self time in the figures).
      const profDir = requestedProfileDir();
      const server = await startServer(target, profDir ? { cpuProfDir: profDir } : {});
      let ingest: Awaited<ReturnType<typeof ingestRate>>;
      const rssBefore = server.rssMb();
      let rssAfter: number;
      let drain: { drainMs: number; left: number };
      // The server's CPU per message: while the mail came in, and with the jobs it caused drained.
      const cpu0 = server.cpuMs();
      let cpuIngest: number;
      let cpuAll: number;
      try {
        ingest = await ingestRate(server, mails);
        cpuIngest = server.cpuMs() - cpu0;
        rssAfter = server.rssMb();
        // The notifications, mail-out and search jobs the mail caused, finished after the last 250.
        drain = await drained(target, opts.smoke ? 120_000 : 600_000);
        cpuAll = server.cpuMs() - cpu0;
      } finally {
        await server.stop();
      }
      opts.log(`ingest: ${ingest.messagesPerS} messages/s`);
      const parserAfter = await parserRate(mails);
      opts.log(`parser: ${parserAfter.messagesPerS} messages/s`);
      const db = committed(target.dataDir);
      const parserMean = (parserBefore.messagesPerS + parserAfter.messagesPerS) / 2;
      return {
        messages: n,
        rawMb,
        connections: CONNECTIONS,
        mix: countBy(mails, (m) => m.kind),
        cp1256: mails.filter((m) => m.cp1256).length,
        sqlite: {
          ingest,
          committed: db,
          serverRssMb: { before: rssBefore, after: rssAfter },
          serverCpuMsPerMessage: { untilLast250: round(cpuIngest! / n, 2), withJobsDrained: round(cpuAll! / n, 2) },
          jobsDrainedAfterMs: drain!.drainMs,
          jobsLeftUndrained: drain!.left,
          storageCeilingCommitsPerS: ceiling.commitsPerS,
        },
        parser: { before: parserBefore, after: parserAfter },
        ingestShareOfParser: round(ingest.messagesPerS / parserMean, 3),
        ...(profDir ? { profileDir: profDir, profileTop: topSelfTime(profDir, 30) } : {}),
      };
    } finally {
      await drop();
    }
  },
};

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
