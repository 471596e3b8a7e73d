import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { makeContact, makeOrganization } from '../../../test/factories.ts';
import { expectStatus, openTicket, type Desk } from '../tickets/tickets.test-kit.ts';
import { defaultPolicy, H, slaTestApp, type SlaTestApp } from '../../../test/sla-desk.ts';
import { createCalendarLoader } from '../calendars/index.ts';
import { penaltyReport } from './contract-penalties.ts';
import { findContractRow, type ContractRow } from './contracts.repository.ts';

// The report reads the whole desk's breaches of the period page by page and keeps its
// organisation's: with pages of 3 over 14 breaches (7 tickets of two organisations, two breaches
// each, all opened at one instant so due times tie across page edges), every one of the
// organisation's counts and none of the other's.
let t: TestApp;
let d: Desk;
let settle: SlaTestApp['settle'];
let mine: ContractRow;
const mineTickets: number[] = [];
const theirTickets: number[] = [];
const penalties = { perBreach: '1000000', perHour: '0', tierBasis: 'breach_count', tiers: [], cap: null, capPeriod: 'jalali_month' };

beforeAll(async () => {
  ({ t, d, settle } = await slaTestApp());
  const { calendarId } = await defaultPolicy(d);
  const strict = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/policies', { name: 'طلایی', calendarId, targets: { '3': { firstResponse: 60, resolution: 120 } } }), 201);
  const orgOf = async (name: string, into: number[], count: number) => {
    const org = await makeOrganization(t, { name });
    const contact = await makeContact(t, { organizationId: org });
    const contract = expectStatus(await d.adminOnly.client.post('/api/v1/admin/contracts', { organizationId: org, name, startsOn: '2026-11-21', endsOn: '2027-11-21', policyId: strict.id, penalties }), 201);
    for (let i = 0; i < count; i++) into.push((await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: contact.contactId })).id);
    return contract.id as number;
  };
  // Interleaved: the other organisation's tickets sit between this one's in (due_at, id) order.
  const mineId = await orgOf('Mine', mineTickets, 2);
  await orgOf('Theirs', theirTickets, 3);
  const contact = await makeContact(t, { organizationId: (await findContractRow(t.ctx.db, mineId))!.organization_id });
  for (let i = 0; i < 2; i++) mineTickets.push((await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: contact.contactId })).id);
  await settle();
  // Three business hours on: each ticket's first response and resolution are breached.
  t.clock.advance(3 * H);
  await settle(true);
  await settle(true);
  mine = (await findContractRow(t.ctx.db, mineId))!;
});
afterAll(() => t.destroy());

describe('the penalty report over more breaches than one page', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('the desk has more breaches in the period than a page holds', async () => {
    const all = await t.ctx.db.selectFrom('sla_actions').select('ticket_id').where('level', '=', 'breach').execute();
    expect(all.length).toBe(2 * (mineTickets.length + theirTickets.length));
  });

  it('counts every one of the organisation’s breaches and none of another’s, whatever the page size', async () => {
    const loader = createCalendarLoader();
    const whole = await penaltyReport(t.ctx.db, loader, mine, '1405-09', t.clock.now());
    for (const pageSize of [1, 3, 4, 14]) {
      const paged = await penaltyReport(t.ctx.db, loader, mine, '1405-09', t.clock.now(), { pageSize });
      expect(paged.breaches, `page size ${pageSize}`).toBe(2 * mineTickets.length);
      expect(new Set(paged.lines.map((l) => l.ticketId)), `page size ${pageSize}`).toEqual(new Set(mineTickets));
      expect(paged.lines.filter((l) => theirTickets.includes(l.ticketId))).toEqual([]);
      expect(paged.lines.map((l) => `${l.ticketId}:${l.target}`).sort()).toEqual(mineTickets.flatMap((id) => [`${id}:first_response`, `${id}:resolution`]).sort());
      expect(paged).toEqual(whole);
    }
    expect(whole).toMatchObject({ breaches: 8, subtotal: '8000000', total: '8000000' });
  });

  it('reads while another transaction holds the organisation’s tickets: it locks nothing it does not write', async () => {
    const loader = createCalendarLoader();
    const whole = await penaltyReport(t.ctx.db, loader, mine, '1405-09', t.clock.now());
    const holder = await holdTicketsForWriting(t, mineTickets);
    try {
      const report = penaltyReport(t.ctx.db, loader, mine, '1405-09', t.clock.now(), { pageSize: 3 });
      const timeout = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000).unref());
      expect(await Promise.race([report, timeout])).toEqual(whole);
    } finally {
      await holder.release();
    }
  });
});

/**
 * Another connection inside a transaction that holds these tickets for writing: PostgreSQL row locks
 * (a recompute's SELECT … FOR UPDATE), SQLite the one write lock (WAL readers go on beside it).
 */
async function holdTicketsForWriting(app: TestApp, ids: number[]): Promise<{ release(): Promise<void> }> {
  const config = app.testDb.config;
  if (config.dialect === 'sqlite') {
    const writer = new BetterSqlite3(config.file);
    writer.exec('begin immediate');
    writer.prepare(`update tickets set updated_at = updated_at where id in (${ids.map(() => '?').join(',')})`).run(...ids);
    return { release: async () => void (writer.exec('rollback'), writer.close()) };
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  await client.query('begin');
  await client.query('select id from tickets where id = any($1) for update', [ids]);
  return { release: async () => void (await client.query('rollback'), await client.end()) };
}
