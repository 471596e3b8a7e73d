import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient } from '../../../test/factories.ts';
import { ticketSettings } from './tickets.settings.ts';
import { expectStatus, makeDesk, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';
import { file, storedFiles, upload } from './attachments.test-support.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
});
afterAll(() => t.destroy());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const sharedTicket = () => openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
const download = (client: any, id: number) => client.get(`/api/v1/attachments/${id}/content`);
/** Sends uploaded files to the requester in a public reply (until then they are the desk's drafts). */
const sendInReply = async (ticketId: number, ids: number[]) => expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticketId}/replies`, { body: 'files', attachmentIds: ids }), 201);
const list = async (client: any, ticketId: number) => expectStatus(await client.get(`/api/v1/tickets/${ticketId}/attachments?limit=200`), 200).items as any[];
/** Runs fn with attachments.max_bytes at `limit`, then puts the 50 MB default back. */
async function withMaxBytes(limit: number, fn: () => Promise<void>): Promise<void> {
  await ticketSettings.set(t.ctx.db, 'attachments.max_bytes', limit, t.clock.now());
  try {
    await fn();
  } finally {
    await ticketSettings.set(t.ctx.db, 'attachments.max_bytes', 50 * 1024 * 1024, t.clock.now());
  }
}
const counts = async () => ({
  attachments: (await t.ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  blobs: storedFiles(t).blobs.length,
  temp: storedFiles(t).temp.length,
});

describe('attachments', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('round-trips the exact bytes with safe download headers', async () => {
    const ticket = await sharedTicket();
    const bytes = randomBytes(300_000);
    const res = expectStatus(await upload(d.analystA.client, ticket.id, [file('dump.bin', bytes, 'application/x-whatever')]), 201);
    expect(res.ticketId).toBe(ticket.id);
    expect(res.items).toEqual([
      {
        id: expect.any(Number),
        ticketId: ticket.id,
        articleId: null,
        filename: 'dump.bin',
        contentType: 'application/octet-stream',
        size: bytes.length,
        internal: false,
        uploadedByUserId: d.analystA.userId,
        createdAt: new Date(t.clock.now()).toISOString(),
      },
    ]);
    const row = await t.ctx.db.selectFrom('attachments').select('sha256').where('id', '=', res.items[0].id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    await sendInReply(ticket.id, [res.items[0].id]);
    const got = await download(d.contactShared.client, res.items[0].id);
    expect(got.statusCode).toBe(200);
    expect(Buffer.compare(got.rawPayload, bytes)).toBe(0);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['content-length']).toBe(String(bytes.length));
    expect(got.headers['content-disposition']).toBe(`attachment; filename="dump.bin"; filename*=UTF-8''dump.bin`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('stores the same content once on disk (content-addressed), whatever the names and tickets', async () => {
    const before = await counts();
    const a = await sharedTicket();
    const b = await sharedTicket();
    const bytes = randomBytes(10_000);
    const first = expectStatus(await upload(d.analystA.client, a.id, [file('one.bin', bytes), file('same-again.bin', bytes)]), 201);
    const second = expectStatus(await upload(d.analystA.client, b.id, [file('two.bin', bytes)]), 201);
    expect(first.items).toHaveLength(2);
    const after = await counts();
    expect(after).toEqual({ attachments: before.attachments + 3, blobs: before.blobs + 1, temp: 0 });
    for (const item of [...first.items, ...second.items]) {
      expect(Buffer.compare((await download(d.analystA.client, item.id)).rawPayload, bytes)).toBe(0);
    }
  });

  it('refuses a file over attachments.max_bytes with 413 and stores nothing', async () => {
    const ticket = await sharedTicket();
    await ticketSettings.set(t.ctx.db, 'attachments.max_bytes', 1000, t.clock.now());
    try {
      const before = await counts();
      const tooBig = await upload(d.analystA.client, ticket.id, [file('big.bin', randomBytes(1001))]);
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json()).toMatchObject({ code: 'attachment.too_large', details: { limit: 1000 } });
      // The first file fits, the second does not: neither is kept.
      const mixed = await upload(d.analystA.client, ticket.id, [file('small.bin', randomBytes(10)), file('big.bin', randomBytes(5000))]);
      expect(mixed.statusCode).toBe(413);
      expect(await counts()).toEqual(before);
      expect(await list(d.analystA.client, ticket.id)).toEqual([]);
      expectStatus(await upload(d.analystA.client, ticket.id, [file('exact.bin', randomBytes(1000))]), 201);
    } finally {
      await ticketSettings.set(t.ctx.db, 'attachments.max_bytes', 50 * 1024 * 1024, t.clock.now());
    }
  });

  it('never serves uploaded HTML or SVG as a document: the type comes from the content', async () => {
    const ticket = await sharedTicket();
    const html = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const xmlSvg = `<?xml version="1.0"?>\n${svg}`;
    const res = expectStatus(
      await upload(d.analystA.client, ticket.id, [
        file('page.html', html, 'text/html'),
        file('image.svg', svg, 'image/svg+xml'),
        file('image2.svg', xmlSvg, 'image/svg+xml'),
        file('fake.png', html, 'image/png'),
        file('real.png', PNG, 'text/html'),
        file('notes.txt', 'سلام دنیا\nhello', 'text/plain; charset=utf-8'),
        file('binary.txt', Buffer.from([0, 1, 2, 3, 0xff]), 'text/plain'),
      ]),
      201,
    );
    expect(res.items.map((a: any) => [a.filename, a.contentType])).toEqual([
      ['page.html', 'application/octet-stream'],
      ['image.svg', 'application/octet-stream'],
      ['image2.svg', 'application/octet-stream'],
      ['fake.png', 'application/octet-stream'],
      ['real.png', 'image/png'],
      ['notes.txt', 'text/plain'],
      ['binary.txt', 'application/octet-stream'],
    ]);
    await sendInReply(ticket.id, [res.items[0].id]);
    const served = await download(d.contactShared.client, res.items[0].id);
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(served.headers['content-disposition']).toMatch(/^attachment;/);
    expect(served.body).toBe(html);
  });

  it('sends Persian filenames as RFC 5987 filename* with an ASCII fallback', async () => {
    const ticket = await sharedTicket();
    const name = 'گزارش «چاپگر» ۱۴۰۵ (نسخه ۲);\'final\'.pdf';
    const item = expectStatus(await upload(d.contactShared.client, ticket.id, [file(name, 'content')]), 201).items[0];
    expect(item.filename).toBe(name);
    expect((await list(d.analystA.client, ticket.id))[0].filename).toBe(name);
    const header = String((await download(d.analystA.client, item.id)).headers['content-disposition']);
    const match = /^attachment; filename="([\x20-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
    expect(match, header).not.toBeNull();
    expect(match![1]).not.toMatch(/["\\;%]/);
    expect(match![1]).toMatch(/\.pdf$/);
    expect(decodeURIComponent(match![2]!)).toBe(name);
  });

  it('strips bidi controls from the download name, filename and filename* alike (U+202E cannot disguise .exe as .pdf)', async () => {
    const ticket = await sharedTicket();
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    for (const [name, shown] of [
      ['report\u202Efdp.exe', 'reportfdp.exe'],
      ['گزارش\u2067\u202Bfdp.exe\u2069\u202C', 'گزارشfdp.exe'],
      [`a${controls.join('')}b.txt`, 'ab.txt'],
    ] as const) {
      const item = expectStatus(await upload(d.contactShared.client, ticket.id, [file(name, 'content')]), 201).items[0];
      for (const client of [d.contactShared.client, d.analystA.client]) {
        const header = String((await download(client, item.id)).headers['content-disposition']);
        const match = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(header);
        expect(match, header).not.toBeNull();
        expect(decodeURIComponent(match![2]!)).toBe(shown);
        expect(match![1]).toMatch(/^[\x20-\x7e]+$/);
        for (const c of controls) expect(decodeURIComponent(match![2]!)).not.toContain(c);
      }
      if (/^[\x20-\x7e]+$/.test(shown)) expect(String((await download(d.analystA.client, item.id)).headers['content-disposition'])).toContain(`filename="${shown}"`);
    }
  });

  it('internal files are the desk\'s only: hidden from contacts in lists and downloads', async () => {
    const ticket = await sharedTicket();
    const pub = expectStatus(await upload(d.analystA.client, ticket.id, [file('public.txt', 'public', 'text/plain')]), 201).items[0];
    const res = expectStatus(await upload(d.analystA.client, ticket.id, [file('internal.txt', 'secret', 'text/plain'), { name: 'internal', data: 'true' }]), 201);
    const internal = res.items[0];
    expect(internal.internal).toBe(true);
    await sendInReply(ticket.id, [pub.id]);

    expect((await list(d.analystA.client, ticket.id)).map((a) => a.id)).toEqual([pub.id, internal.id]);
    expect((await list(d.crm.client, ticket.id)).map((a) => a.id)).toEqual([pub.id, internal.id]);
    for (const contact of [d.contactShared, d.colleagueShared]) {
      expect((await list(contact.client, ticket.id)).map((a) => a.id)).toEqual([pub.id]);
      const denied = await download(contact.client, internal.id);
      expect(denied.statusCode).toBe(404);
      expect(denied.body).not.toContain('secret');
      expect((await download(contact.client, pub.id)).statusCode).toBe(200);
    }
    expect((await download(d.crm.client, internal.id)).statusCode).toBe(200);

    const before = await counts();
    const refused = await upload(d.contactShared.client, ticket.id, [{ name: 'internal', data: 'true' }, file('x.txt', 'x', 'text/plain')]);
    expect(refused.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('refuses a stranger before reading the upload: 404, never the size check of a file it did not stream', async () => {
    const ticket = await sharedTicket();
    await withMaxBytes(1000, async () => {
      const before = await counts();
      const refused = await upload(d.analystB.client, ticket.id, [file('big.bin', randomBytes(5000))]);
      expect(refused.statusCode).toBe(404);
      expect(await counts()).toEqual(before);
    });
  });

  it('who may upload, list and download', async () => {
    const ticket = await sharedTicket();
    const item = expectStatus(await upload(d.analystA.client, ticket.id, [file('a.txt', 'a', 'text/plain')]), 201).items[0];
    const up = async (client: any) => (await upload(client, ticket.id, [file('b.txt', 'b', 'text/plain')])).statusCode;
    expect(await up(d.supervisorA.client)).toBe(201);
    expect(await up(d.manager.client)).toBe(201);
    expect(await up(d.contactShared.client)).toBe(201);
    expect(await up(d.crm.client)).toBe(403);
    expect(await up(d.colleagueShared.client)).toBe(403);
    for (const m of [d.analystB, d.adminOnly, d.contactPrivate]) {
      expect(await up(m.client)).toBe(404);
      expect((await m.client.get(`/api/v1/tickets/${ticket.id}/attachments`)).statusCode).toBe(404);
      expect((await download(m.client, item.id)).statusCode).toBe(404);
    }
    const anon = anonymousClient(t.app);
    expect(await up(anon)).toBe(401);
    expect((await anon.get(`/api/v1/tickets/${ticket.id}/attachments`)).statusCode).toBe(401);
    expect((await download(anon, item.id)).statusCode).toBe(401);
    expect((await download(d.analystA.client, 99_999_999)).statusCode).toBe(404);
  });

  it('needs a file and a multipart body', async () => {
    const ticket = await sharedTicket();
    const none = await upload(d.analystA.client, ticket.id, [{ name: 'internal', data: 'false' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('attachment.missing_file');
    expect((await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/attachments`, { file: 'x' })).statusCode).toBe(415);
  });

  it('a customer cannot add files to a closed ticket', async () => {
    const ticket = await sharedTicket();
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'resolved' }), 200);
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'closed' }), 200);
    const res = await upload(d.contactShared.client, ticket.id, [file('late.txt', 'late', 'text/plain')]);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ticket.closed');
  });
});
