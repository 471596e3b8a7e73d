import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { makeContact, makeOrganization } from '../../../test/factories.ts';
import { expectStatus, openTicket, patchCurrent, type Desk } from '../tickets/tickets.test-kit.ts';
import { defaultPolicy, H, slaTestApp, type SlaTestApp } from '../../../test/sla-desk.ts';

let t: TestApp;
let d: Desk;
let settle: SlaTestApp['settle'];
const BASE = '/api/v1/admin/contracts';
let strict: { id: number };
let requests: { id: number };

beforeAll(async () => {
  ({ t, d, settle } = await slaTestApp());
  const { calendarId } = await defaultPolicy(d);
  strict = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/policies', { name: 'طلایی', calendarId, targets: { '3': { firstResponse: 60, resolution: 120 } } }), 201);
  requests = expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/policies', { name: 'درخواست‌ها', calendarId, targets: { '3': { firstResponse: 5000, resolution: 10000 } } }), 201);
});
afterAll(() => t.destroy());

const policyOf = async (id: number) => (await t.ctx.db.selectFrom('tickets').select('sla_policy_id').where('id', '=', id).executeTakeFirstOrThrow()).sla_policy_id;
const penalties = { perBreach: '1000000', perHour: '100000', tierBasis: 'delay_hours', tiers: [{ from: 2, perBreach: '2000000', perHour: '200000' }], cap: null, capPeriod: 'jalali_month' };

describe('contracts', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('admins write; admins and managers read all; a crm agent reads their organisations’; others 403 on the list and 404 on one', async () => {
    const made = expectStatus(
      await d.adminOnly.client.post(BASE, { organizationId: d.sharingOrg, name: 'پشتیبانی ۱۴۰۵', startsOn: '2026-11-01', endsOn: '2027-03-20', policyId: strict.id, rules: [{ filter: { field: 'type', op: 'eq', value: 'service_request' }, policyId: requests.id }], penalties }),
      201,
    );
    expect(made).toMatchObject({ organizationId: d.sharingOrg, accountManagerId: d.crm.agentId, startsOnJalali: { year: 1405, month: 8, day: 10 }, endsOnJalali: { year: 1405, month: 12, day: 29 }, active: true, version: 1, penalties });
    const other = expectStatus(await d.adminOnly.client.post(BASE, { organizationId: d.privateOrg, name: 'x', startsOn: '2026-01-01', endsOn: '2026-06-30', policyId: strict.id }), 201);
    expect(other).toMatchObject({ accountManagerId: null, active: false, rules: [], penalties: { perBreach: '0', tiers: [], cap: null, capPeriod: 'jalali_month' } });
    const ids = async (who: typeof d.crm) => (expectStatus(await who.client.get(BASE), 200).items as { id: number }[]).map((c) => c.id);
    expect(await ids(d.crm)).toEqual([made.id]);
    expect(await ids(d.manager)).toEqual(expect.arrayContaining([made.id, other.id]));
    expect((await d.crm.client.get(`${BASE}/${other.id}`)).statusCode).toBe(404);
    expect(expectStatus(await d.crm.client.get(`${BASE}/${made.id}`), 200).abilities).toEqual({ update: false, delete: false });
    expect((await d.crm.client.patch(`${BASE}/${made.id}`, { version: 1, name: 'y' })).statusCode).toBe(403);
    expect((await d.analystA.client.get(BASE)).statusCode).toBe(403);
    expect((await d.analystA.client.get(`${BASE}/${made.id}`)).statusCode).toBe(404);
    expect((await d.contactShared.client.get(`${BASE}/${made.id}`)).statusCode).toBe(404);
    expect((await d.crm.client.post(BASE, { organizationId: d.sharingOrg, name: 'z', startsOn: '2026-11-01', endsOn: '2026-12-01', policyId: strict.id })).statusCode).toBe(403);
    // Checked input.
    const bad = (body: Record<string, unknown>) => d.adminOnly.client.post(BASE, { organizationId: d.privateOrg, name: 'b', startsOn: '2026-11-01', endsOn: '2026-12-01', policyId: strict.id, ...body });
    expect((await bad({ endsOn: '2026-10-01' })).json().code).toBe('contract.period_invalid');
    expect((await bad({ endsOn: '2026-02-30' })).json().code).toBe('request.invalid');
    expect((await bad({ penalties: { perBreach: '5', tiers: [{ from: 2, perBreach: '4', perHour: '0' }] } })).json()).toMatchObject({ code: 'contract.tiers_unordered', details: { index: 1 } });
    expect((await bad({ penalties: { perBreach: '1.5' } })).statusCode).toBe(400);
    expect((await bad({ policyId: 999_999 })).json().code).toBe('record.invalid_reference');
    expect((await bad({ rules: [{ filter: { field: 'nope', op: 'eq', value: 1 }, policyId: strict.id }] })).statusCode).toBe(400);
    // Edit at the version seen, delete.
    const edited = expectStatus(await d.adminOnly.client.patch(`${BASE}/${other.id}`, { version: 1, name: 'قدیمی', penalties: { cap: '5000000' } }), 200);
    expect(edited).toMatchObject({ version: 2, name: 'قدیمی', penalties: { cap: '5000000', perBreach: '0' } });
    expect((await d.adminOnly.client.patch(`${BASE}/${other.id}`, { version: 1, name: 'late' })).statusCode).toBe(409);
    expect((await d.adminOnly.client.request({ method: 'DELETE', url: `${BASE}/${other.id}?version=2` })).statusCode).toBe(204);
    expect((await d.manager.client.get(`${BASE}/${other.id}`)).statusCode).toBe(404);
  });

  it('places tickets: the contract’s rules, else its policy; other organisations by the global rules and the default', async () => {
    const incident = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    const request = await openTicket(d.analystA.client, { type: 'service_request', assigneeGroupId: d.groupA, requesterContactId: d.contactShared.contactId });
    const elsewhere = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: d.contactPrivate.contactId });
    await settle();
    expect(await policyOf(incident.id)).toBe(strict.id);
    expect(await policyOf(request.id)).toBe(requests.id);
    expect(await policyOf(elsewhere.id)).toBe((await defaultPolicy(d)).id);
  });

  it('reports the penalty of a Jalali month from the breaches: per breach, per business hour, tier, cap', async () => {
    const org = await makeOrganization(t, { name: 'Penalised' });
    const contact = await makeContact(t, { organizationId: org });
    const contract = expectStatus(await d.adminOnly.client.post(BASE, { organizationId: org, name: 'جریمه‌دار', startsOn: '2026-11-21', endsOn: '2027-11-21', policyId: strict.id, penalties }), 201);
    const start = t.clock.now();
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: contact.contactId });
    await settle();
    expect(await policyOf(ticket.id)).toBe(strict.id);
    // Three business hours on: first response (due +1 h) is 2 h late, resolution (due +2 h) 1 h late.
    t.clock.set(start + 3 * H);
    await settle(true);
    await settle(true);
    const report = expectStatus(await d.manager.client.get(`${BASE}/${contract.id}/penalties?period=1405-09`), 200);
    expect(report).toMatchObject({ contractId: contract.id, period: '1405-09', from: '2026-11-21T20:30:00.000Z', to: '2026-12-21T20:30:00.000Z', breaches: 2, cap: null, capped: false });
    expect(report.lines).toEqual([
      { ticketId: ticket.id, target: 'first_response', dueAt: new Date(start + H).toISOString(), metAt: null, delayMinutes: 120, tier: 2, perBreach: '2000000', perHour: '200000', amount: '2400000' },
      { ticketId: ticket.id, target: 'resolution', dueAt: new Date(start + 2 * H).toISOString(), metAt: null, delayMinutes: 60, tier: null, perBreach: '1000000', perHour: '100000', amount: '1100000' },
    ]);
    expect(report).toMatchObject({ subtotal: '3500000', total: '3500000' });
    // An agent's reply meets first response: its delay stops there, in business time.
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'در حال بررسی' }), 201);
    t.clock.advance(H);
    expectStatus(await d.adminOnly.client.patch(`${BASE}/${contract.id}`, { version: 1, penalties: { cap: '3000000' } }), 200);
    const capped = expectStatus(await d.adminOnly.client.get(`${BASE}/${contract.id}/penalties?period=1405-09`), 200);
    expect(capped.lines.map((l: { delayMinutes: number }) => l.delayMinutes)).toEqual([120, 120]);
    expect(capped).toMatchObject({ subtotal: '4800000', cap: '3000000', capped: true, total: '3000000' });
    expect(expectStatus(await d.adminOnly.client.get(`${BASE}/${contract.id}/penalties?period=1405-08`), 200)).toMatchObject({ breaches: 0, total: '0' });
    expect((await d.analystA.client.get(`${BASE}/${contract.id}/penalties`)).statusCode).toBe(404);
    expect((await d.adminOnly.client.get(`${BASE}/${contract.id}/penalties?period=1405-13`)).statusCode).toBe(400);
  });

  it('an expired contract places only tickets created in its period; a re-choice keeps the creation date', async () => {
    const org = await makeOrganization(t, { name: 'Short' });
    const contact = await makeContact(t, { organizationId: org });
    const today = new Date(t.clock.now() + 3.5 * H).toISOString().slice(0, 10);
    expectStatus(await d.adminOnly.client.post(BASE, { organizationId: org, name: 'کوتاه', startsOn: '2026-11-01', endsOn: today, policyId: strict.id }), 201);
    const during = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: contact.contactId });
    await settle();
    expect(await policyOf(during.id)).toBe(strict.id);
    t.clock.advance(2 * 24 * H);
    const after = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA, requesterContactId: contact.contactId });
    await settle();
    expect(await policyOf(after.id)).not.toBe(strict.id);
    // Priority changes re-choose: the old ticket was created while the contract ran.
    expectStatus(await patchCurrent(d.analystA.client, during.id, { impact: 3 }), 200);
    await settle();
    expect(await policyOf(during.id)).toBe(strict.id);
  });

  it('tells the account manager once, 30 days before the last day, in-app and by email', async () => {
    const org = await makeOrganization(t, { name: 'Ending', accountManagerId: d.crm.agentId! });
    const soon = new Date(t.clock.now() + 20 * 24 * H).toISOString().slice(0, 10);
    const later = new Date(t.clock.now() + 60 * 24 * H).toISOString().slice(0, 10);
    const ending = expectStatus(await d.adminOnly.client.post(BASE, { organizationId: org, name: 'رو به پایان', startsOn: '2026-01-01', endsOn: soon, policyId: strict.id }), 201);
    expectStatus(await d.adminOnly.client.post(BASE, { organizationId: org, name: 'دیرتر', startsOn: '2026-01-01', endsOn: later, policyId: strict.id }), 201);
    const told = async () => (expectStatus(await d.crm.client.get('/api/v1/me/notifications'), 200).items as { kind: string; ticketId: number | null; data: { contractId?: number; endsOn?: string } }[]).filter((n) => n.kind === 'contract.expiring');
    await settle(true);
    expect(await told()).toEqual([expect.objectContaining({ ticketId: null, data: expect.objectContaining({ contractId: ending.id, endsOn: soon }) })]);
    const mails = await t.ctx.db.selectFrom('outbound_messages').selectAll().where('notification_kind', '=', 'contract.expiring').execute();
    expect(mails).toHaveLength(1);
    // The next day's run finds the key taken.
    t.clock.advance(24 * H);
    await settle(true);
    expect(await told()).toHaveLength(1);
    expect(await t.ctx.db.selectFrom('contract_notices').select('notice_key').where('contract_id', '=', ending.id).execute()).toEqual([{ notice_key: `contract:${ending.id}:${soon}:expiry` }]);
  });
});
