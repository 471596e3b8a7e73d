import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPersianDigits } from '@pishkhan/text';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeOrganization, signIn, type Client } from '../../../test/factories.ts';

let t: TestApp;
let analyst: Client;

beforeAll(async () => {
  t = await createTestApp();
  analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'] })).email);
});
afterAll(() => t.destroy());

/** A fresh mobile number: the 7 digits after 0912 as a string. */
const freshMobile = () => String(randomInt(1_000_000, 9_999_999));
const freshEmail = (prefix = 'c') => `${prefix}-${randomInt(1e9)}@Example.TEST`;
const countContacts = async () => Number((await t.ctx.db.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const ids = (res: { json(): { items: Array<{ id: number }> } }) => res.json().items.map((c) => c.id);

describe('contacts', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('creates a contact with several emails and phones, stored as written and E.164', async () => {
    const org = await makeOrganization(t);
    const tail = freshMobile();
    const email = freshEmail();
    const res = await analyst.post('/api/v1/contacts', {
      name: 'مریم رضایی',
      organizationId: org,
      language: 'fa',
      emails: [` ${email}`, freshEmail('second')],
      phones: [toPersianDigits(`0912 ${tail}`), '+44 20 7946 0958'],
      notes: 'prefers phone',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ name: 'مریم رضایی', organizationId: org, language: 'fa', userId: null, notes: 'prefers phone', version: 1, active: true });
    expect(c.emails[0]).toBe(email);
    expect(c.phones).toEqual([
      { phone: toPersianDigits(`0912 ${tail}`), e164: `+98912${tail}` },
      { phone: '+44 20 7946 0958', e164: '+442079460958' },
    ]);
    expect(c.abilities).toEqual({ update: true });
    expect((await analyst.get(`/api/v1/contacts/${c.id}`)).json()).toEqual(c);
  });

  it('finds a contact by any spelling of its phone number', async () => {
    const tail = freshMobile();
    const id = (await analyst.post('/api/v1/contacts', { name: 'Phone', phones: [`0912-${tail}`] })).json().id;
    await analyst.post('/api/v1/contacts', { name: 'Someone else', phones: [`0912${freshMobile()}`] });
    const spellings = [
      toPersianDigits(`0912 ${tail.slice(0, 3)} ${tail.slice(3)}`),
      `+98 912 ${tail}`,
      `0098912${tail}`,
      `98912${tail}`,
      `0912${tail}`,
      `912${tail}`,
      `(+98) 912-${tail}`,
      `\u0669\u0661\u0662${tail}`, // Arabic-Indic 912…
    ];
    for (const phone of spellings) {
      const res = await analyst.get(`/api/v1/contacts?phone=${encodeURIComponent(phone)}`);
      expect(res.statusCode, phone).toBe(200);
      expect(ids(res), phone).toEqual([id]);
    }
    expect(ids(await analyst.get(`/api/v1/contacts?phone=0912${tail.slice(0, 6)}`))).toEqual([]);
  });

  it('finds a contact by email whatever its case, and by organisation', async () => {
    const org = await makeOrganization(t);
    const email = freshEmail('Case');
    const id = (await analyst.post('/api/v1/contacts', { name: 'Mail', organizationId: org, emails: [email] })).json().id;
    for (const q of [email.toLowerCase(), email.toUpperCase(), ` ${email} `]) {
      expect(ids(await analyst.get(`/api/v1/contacts?email=${encodeURIComponent(q)}`)), q).toEqual([id]);
    }
    expect(ids(await analyst.get(`/api/v1/contacts?organizationId=${org}`))).toEqual([id]);
    expect(ids(await analyst.get(`/api/v1/contacts?organizationId=${org}&email=nobody@example.test`))).toEqual([]);
  });

  it('refuses an email that belongs to another contact (409) and writes nothing', async () => {
    const email = freshEmail('taken');
    const first = (await analyst.post('/api/v1/contacts', { name: 'First', emails: [email] })).json();
    const before = await countContacts();
    const dup = await analyst.post('/api/v1/contacts', { name: 'Second', emails: ['new@example.test', email.toUpperCase()] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'record.conflict', details: { field: 'emails' } });
    expect(await countContacts()).toBe(before);

    const other = (await analyst.post('/api/v1/contacts', { name: 'Other', emails: [freshEmail()] })).json();
    const patch = await analyst.patch(`/api/v1/contacts/${other.id}`, { version: 1, name: 'Renamed', emails: [email] });
    expect(patch.statusCode).toBe(409);
    expect((await analyst.get(`/api/v1/contacts/${other.id}`)).json()).toEqual(other);
    // Its own addresses are not a conflict with itself.
    expect((await analyst.patch(`/api/v1/contacts/${first.id}`, { version: 1, emails: [email.toLowerCase()] })).statusCode).toBe(200);
    // The same address twice in one list is invalid input.
    const twice = await analyst.post('/api/v1/contacts', { name: 'Twice', emails: ['a@b.test', 'A@B.test'] });
    expect(twice.statusCode).toBe(400);
    expect(await countContacts()).toBe(before + 1);
  });

  it('replaces emails and phones on PATCH, at the version last read', async () => {
    const c = (await analyst.post('/api/v1/contacts', { name: 'Edit', emails: [freshEmail()], phones: [`0912${freshMobile()}`] })).json();
    const email = freshEmail('replaced');
    const tail = freshMobile();
    const res = await analyst.patch(`/api/v1/contacts/${c.id}`, { version: 1, emails: [email], phones: [`0912${tail}`, '021 8877 6655'], language: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ emails: [email], language: 'en', version: 2, name: 'Edit' });
    expect(res.json().phones.map((p: { e164: string }) => p.e164)).toEqual([`+98912${tail}`, '+982188776655']);
    expect(ids(await analyst.get(`/api/v1/contacts?email=${encodeURIComponent(c.emails[0])}`))).toEqual([]);
    const stale = await analyst.patch(`/api/v1/contacts/${c.id}`, { version: 1, emails: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    expect((await analyst.get(`/api/v1/contacts/${c.id}`)).json().emails).toEqual([email]);
  });

  it('refuses an unknown organisation (422) and writes nothing', async () => {
    const before = await countContacts();
    const res = await analyst.post('/api/v1/contacts', { name: 'Lost', organizationId: 999_999 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'record.invalid_reference', details: { field: 'organizationId' } });
    expect(await countContacts()).toBe(before);
    const c = (await analyst.post('/api/v1/contacts', { name: 'Here' })).json();
    expect((await analyst.patch(`/api/v1/contacts/${c.id}`, { version: 1, name: 'Moved', organizationId: 999_999 })).statusCode).toBe(422);
    expect((await analyst.get(`/api/v1/contacts/${c.id}`)).json()).toEqual(c);
  });

  it('stores HTML and script text as written', async () => {
    const name = '<script>document.cookie</script>';
    const res = await analyst.post('/api/v1/contacts', { name, notes: '"><svg onload=alert(1)>' });
    expect(res.json()).toMatchObject({ name, notes: '"><svg onload=alert(1)>' });
    expect((await analyst.get(`/api/v1/contacts/${res.json().id}`)).json().name).toBe(name);
  });

  it('shows a contact only themself, without internal notes, and no list', async () => {
    const org = await makeOrganization(t, { membersSeeEachOther: true });
    const me = await makeContact(t, { organizationId: org });
    const colleague = await makeContact(t, { organizationId: org });
    const client = await signIn(t.app, me.email);
    const self = await client.get(`/api/v1/contacts/${me.contactId}`);
    expect(self.statusCode).toBe(200);
    expect(self.json()).not.toHaveProperty('notes');
    expect(self.json().abilities).toEqual({ update: false });
    expect((await client.get(`/api/v1/contacts/${colleague.contactId}`)).statusCode).toBe(404);
    const list = await client.get('/api/v1/contacts');
    expect(list.statusCode).toBe(403);
    expect(list.json().code).toBe('access.forbidden');
    expect((await client.post('/api/v1/contacts', { name: 'New' })).statusCode).toBe(403);
    expect((await client.patch(`/api/v1/contacts/${me.contactId}`, { version: 1, name: 'Me' })).statusCode).toBe(403);
    expect((await client.get('/api/v1/agents')).statusCode).toBe(403);
  });

  it('lets a crm agent edit contacts of organisations they manage, and move them only among those', async () => {
    const crmPerson = await makeAgent(t, { roles: ['crm'] });
    const crm = await signIn(t.app, crmPerson.email);
    const mine = await makeOrganization(t, { accountManagerId: crmPerson.agentId! });
    const alsoMine = await makeOrganization(t, { accountManagerId: crmPerson.agentId! });
    const notMine = await makeOrganization(t);
    const managed = await makeContact(t, { organizationId: mine, canSignIn: false });
    const unmanaged = await makeContact(t, { organizationId: notMine, canSignIn: false });
    expect((await crm.get(`/api/v1/contacts/${unmanaged.contactId}`)).json().abilities).toEqual({ update: false });
    expect((await crm.patch(`/api/v1/contacts/${unmanaged.contactId}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await crm.patch(`/api/v1/contacts/${managed.contactId}`, { version: 1, organizationId: notMine })).statusCode).toBe(403);
    const moved = await crm.patch(`/api/v1/contacts/${managed.contactId}`, { version: 1, organizationId: alsoMine });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ organizationId: alsoMine, version: 2 });
    expect((await crm.post('/api/v1/contacts', { name: 'New' })).statusCode).toBe(403);
    expect((await crm.get('/api/v1/contacts')).statusCode).toBe(200);
  });

  it('answers 404 for an unknown contact and 400 for invalid input', async () => {
    expect((await analyst.get('/api/v1/contacts/999999')).statusCode).toBe(404);
    expect((await analyst.post('/api/v1/contacts', { name: 'A', emails: ['not-an-email'] })).statusCode).toBe(400);
    expect((await analyst.post('/api/v1/contacts', { name: 'A', phones: ['no digits'] })).statusCode).toBe(400);
    expect((await analyst.post('/api/v1/contacts', { name: 'A', language: 'de' })).statusCode).toBe(400);
    expect((await analyst.get('/api/v1/contacts?organizationId=abc')).statusCode).toBe(400);
  });
});
