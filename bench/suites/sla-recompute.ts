import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { requestedProfileDir, topSelfTime } from '../lib/profile.ts';
import { cli, signInHeaders, startServer, type Target } from '../lib/server.ts';
import { drained } from '../lib/targets.ts';
import type { SuiteOptions } from './types.ts';

const PASSWORD = 'pishkhan-bench-1403';
const ADMIN = 'agent11@bench.pishkhan.test';
const ANALYST = 'agent1@bench.pishkhan.test';
const OPEN = "('new', 'open', 'pending_customer', 'pending_third_party')";

function p99(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! * 10) / 10;
}

/** The longest target a policy takes (525,600 business minutes: over three and a half years of the Tehran week), beyond any seeded ticket's age. */
const FAR = 525_600;

/** Waits until every `sla.recompute_chunk` job after `afterJobId` is done; how many there were. */
async function chunksDone(reader: Database.Database, afterJobId: number, timeoutMs: number): Promise<number> {
  const chunks = reader.prepare("select sum(status = 'done') as done, sum(status in ('ready', 'running')) as pending from jobs where name = 'sla.recompute_chunk' and id > ?");
  const t0 = performance.now();
  let last = { done: 0, pending: 1 };
  while (performance.now() - t0 < timeoutMs) {
    last = chunks.get(afterJobId) as { done: number; pending: number };
    if ((last.done ?? 0) > 0 && (last.pending ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return last.done ?? 0;
}

/**
 * Recomputing every open ticket after a calendar change, on SQLite through a real `pishkhan start`:
 * `pishkhan seed --bench` (BENCH_SLA_TICKETS, default 340,000 ≈ 100,000 open), the open tickets put
 * under a bench policy on the Tehran calendar whose targets lie beyond every seeded ticket's age (no
 * warning, no breach action) — the worst case of a calendar change: every open ticket's due times
 * move. First the policy's first computation (from no state: `firstComputeS`), then the measured
 * one: an admin adds a holiday and the clock runs until the last `sla.recompute_chunk` is done, while
 * an analyst edits tickets one after another, whose latencies give the p99 of an update made meanwhile.
 */
export async function recomputeFigures(opts: SuiteOptions): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-sla-recompute-'));
  const target: Target = { dialect: 'sqlite', dataDir };
  const file = path.join(dataDir, 'pishkhan.sqlite');
  try {
    const seedTickets = opts.smoke ? 3000 : Number(process.env.BENCH_SLA_TICKETS ?? 340_000);
    // BENCH_SLA_SEEDED: a data dir `pishkhan seed --bench` filled before (copied, never changed).
    if (!opts.smoke && process.env.BENCH_SLA_SEEDED) cpSync(process.env.BENCH_SLA_SEEDED, dataDir, { recursive: true });
    else {
      opts.log(`recompute: seeding ${seedTickets} tickets`);
      cli(target, ['seed', '--bench', '--tickets', String(seedTickets), ...(opts.smoke ? ['--contacts', '300', '--organizations', '20'] : [])]);
    }
    const db = new Database(file);
    // Years of seeded history would close thousands of old resolved tickets on the first sweep
    // (and mail each customer): not what this measures.
    db.prepare("insert into settings (key, value, updated_at) values ('tickets.auto_close_after_days', '0', ?) on conflict (key) do update set value = '0'").run(Date.now());
    const calendarId = (db.prepare("select p.calendar_id as id from sla_policies p where p.default_key is not null").get() as { id: number }).id;
    const targetsOf = (resolution: number) => Object.fromEntries(['1', '2', '3', '4'].map((p) => [p, { firstResponse: FAR, nextResponse: FAR, resolution }]));
    const now = Date.now();
    const policyId = Number(
      db
        .prepare('insert into sla_policies (name, calendar_id, targets, pause_on_third_party, warn_at_percent, breach_escalate, breach_refer_group_id, breach_raise_priority, default_key, version, created_at, updated_at) values (?, ?, ?, 0, null, 0, null, 0, null, 1, ?, ?)')
        .run('Bench recompute', calendarId, JSON.stringify(targetsOf(FAR - 60)), now, now).lastInsertRowid,
    );
    const open = db.prepare(`update tickets set sla_policy_id = ? where status in ${OPEN} and merged_into_id is null`).run(policyId).changes;
    const sample = (db.prepare(`select id from tickets where status in ${OPEN} and assignee_group_id in (select group_id from group_members where agent_id = (select a.id from agents a join users u on u.id = a.user_id where u.email = ?)) limit 200`).all(ANALYST) as { id: number }[]).map((r) => r.id);
    db.close();
    opts.log(`recompute: ${open} open tickets under policy ${policyId} (calendar ${calendarId})`);

    // --profile: the server's CPU profile over both computations (top self time in the figures).
    const profDir = requestedProfileDir();
    const server = await startServer(target, profDir ? { cpuProfDir: profDir } : {});
    const figures: Record<string, unknown> = {};
    try {
      // What the seeded history sets off first runs before the clock starts, so the figure is the recompute's.
      const settle = await drained(target, 900_000);
      opts.log(`recompute: startup backlog done in ${Math.round(settle.drainMs / 1000)} s (${settle.left} left)`);
      const admin = await signInHeaders(server.url, ADMIN, PASSWORD);
      const analyst = await signInHeaders(server.url, ANALYST, PASSWORD);
      const reader = new Database(file, { readonly: true });
      const lastJob = () => (reader.prepare('select coalesce(max(id), 0) as id from jobs').get() as { id: number }).id;

      // The policy's first computation: every open ticket from no SLA state (a target edit recomputes its tickets).
      let jobMark = lastJob();
      let t0 = performance.now();
      const edited = await fetch(`${server.url}/api/v1/admin/sla/policies/${policyId}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ version: 1, targets: targetsOf(FAR) }) });
      if (!edited.ok) throw new Error(`editing the bench policy: ${edited.status} ${await edited.text()}`);
      const firstChunks = await chunksDone(reader, jobMark, 900_000);
      const firstComputeS = (performance.now() - t0) / 1000;
      opts.log(`recompute: first computation ${firstComputeS.toFixed(1)} s in ${firstChunks} chunks`);
      await drained(target, 300_000);
      const dueBefore = reader.prepare('select sum(sla_resolution_due_at) as s from tickets where sla_policy_id = ?').get(policyId) as { s: number };

      // The measured one: a holiday added to the calendar, recomputed while an analyst edits tickets.
      jobMark = lastJob();
      t0 = performance.now();
      const calendar = (await (await fetch(`${server.url}/api/v1/admin/calendars/${calendarId}`, { headers: admin })).json()) as { version: number };
      const res = await fetch(`${server.url}/api/v1/admin/calendars/${calendarId}/holidays`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ version: calendar.version, kind: 'custom', date: { calendar: 'jalali', year: 1405, month: 10, day: 3 }, name: { fa: 'تعطیلی محک', en: 'Bench closure' } }),
      });
      if (res.status !== 201) throw new Error(`adding the holiday: ${res.status} ${await res.text()}`);
      const latencies: number[] = [];
      let failures = 0;
      let finished = false;
      const edits = (async () => {
        for (let i = 0; !finished; i++) {
          const id = sample[i % sample.length]!;
          try {
            const ticket = (await (await fetch(`${server.url}/api/v1/tickets/${id}`, { headers: analyst })).json()) as { version: number; tags: string[] };
            const s = performance.now();
            const r = await fetch(`${server.url}/api/v1/tickets/${id}`, { method: 'PATCH', headers: analyst, body: JSON.stringify({ version: ticket.version, tags: [...ticket.tags.filter((t) => t !== 'bench-edit'), ...(i % 2 ? ['bench-edit'] : [])] }) });
            await r.arrayBuffer();
            if (r.ok) latencies.push(performance.now() - s);
            else failures++;
          } catch (error) {
            failures++;
            if (failures === 1) opts.log(`recompute: an edit failed: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`);
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      })();
      const chunks = await chunksDone(reader, jobMark, 900_000);
      const seconds = (performance.now() - t0) / 1000;
      finished = true;
      await edits;
      const dueAfter = reader.prepare('select sum(sla_resolution_due_at) as s from tickets where sla_policy_id = ?').get(policyId) as { s: number };
      const moved = (reader.prepare("select count(*) as n from ticket_history h join tickets t on t.id = h.ticket_id where t.sla_policy_id = ? and h.field = 'slaResolutionDueAt' and h.created_at >= ?").get(policyId, now) as { n: number }).n;
      const total = (reader.prepare('select count(*) as n from tickets').get() as { n: number }).n;
      reader.close();
      Object.assign(figures, {
        tickets: total,
        openTickets: open,
        startupBacklogS: Math.round(settle.drainMs / 1000),
        firstComputeS: Math.round(firstComputeS * 100) / 100,
        firstChunks,
        chunks,
        seconds: Math.round(seconds * 100) / 100,
        ticketsPerS: Math.round(open / seconds),
        dueTimesMoved: dueAfter.s !== dueBefore.s,
        resolutionDueChangesInHistory: moved,
        editsWhileRunning: latencies.length,
        editsFailed: failures,
        editP99Ms: p99(latencies),
        targetSeconds: 5,
      });
    } finally {
      await server.stop();
    }
    if (profDir) {
      figures.profileTop = topSelfTime(profDir, 25);
      rmSync(profDir, { recursive: true, force: true });
    }
    return figures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
