import { describe, expect, it } from 'vitest';
import { ApiClient, createContactUser, hasChromium, PASSWORD } from './server.ts';
import { requireChromium, useE2eDesk } from './desk.ts';
import { contextFor, screenshot, signInAs } from './browser.ts';

requireChromium();

/** Polls a condition outside a test (expect.poll is for tests only). */
async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await check()); await new Promise((r) => setTimeout(r, 200))) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
  }
}

const toPersianDigits = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

describe.skipIf(!hasChromium)('global search in a real browser (issue 8)', () => {
  const other = { email: 'other-customer@e2e.test', name: 'بهرام دیگری' };
  const ticket = { id: 0, number: 0 };
  const otherTitle = 'کیبورد بی‌سیم مشتری دیگر';
  // A word only an internal note holds: agents find it, the requester never does.
  const noteWord = 'زنبورکخانه';

  const desk = useE2eDesk(async ({ server, world }) => {
    const customer = await ApiClient.signIn(server.url, world.customer.email, PASSWORD);
    Object.assign(ticket, await customer.call<{ id: number; number: number }>('POST', '/tickets', { title: 'کیبورد لپ‌تاپ کار نمی‌کند', description: 'چند کلید جواب نمی‌دهد', type: 'incident' }));
    createContactUser(server, other.email, other.name);
    const stranger = await ApiClient.signIn(server.url, other.email, PASSWORD);
    await stranger.call('POST', '/tickets', { title: otherTitle, description: 'باتری تمام شد', type: 'incident' });
    const analyst = await ApiClient.signIn(server.url, world.analyst.email, PASSWORD);
    await analyst.call('POST', `/tickets/${ticket.id}/notes`, { body: `کابل را عوض کردیم؛ ${noteWord}` });
    await analyst.call('POST', '/contacts', { name: 'نگار تلفنی', phones: ['09351112233'] });
    // The index follows the writes by jobs (within a second); the pages below read it once.
    const found = (q: string) => world.admin.call<{ items: unknown[] }>('GET', `/search?q=${encodeURIComponent(q)}`).then((r) => r.items.length);
    for (const q of [noteWord, '09351112233', 'باتری']) await until(async () => (await found(q)) > 0, `${q} indexed`);
  });

  it('an agent finds by the header box: Arabic letters, a phone in Persian digits, #number jumps, a bad query explained', async () => {
    const page = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(page, '/', desk.world.analyst.email, 'fa');
    await page.getByTestId('sidebar').waitFor();
    const box = page.locator('#global-search');

    // «/» focuses the box; Escape leaves it.
    await page.locator('body').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('global-search');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('global-search');

    // «كيبورد» with Arabic kaf and yeh finds «کیبورد», marked in the title.
    await box.fill('كيبورد');
    await box.press('Enter');
    await page.waitForURL(/\/find\?q=/);
    const tickets = page.locator('section[data-group="ticket"]');
    const hit = tickets.locator(`[data-hit="ticket:${ticket.id}"]`);
    await hit.waitFor();
    expect(await hit.locator('mark').first().textContent()).toBe('کیبورد');
    expect(await hit.textContent()).toContain(toPersianDigits(String(ticket.number)));
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Both requesters' keyboards: the desk sees every customer's tickets, counted in Persian digits.
    expect(await tickets.locator('[data-hit^="ticket:"]').count()).toBe(2);
    expect(await tickets.locator('[data-count]').textContent()).toBe('۲');
    await screenshot(page, 'find-1366x768-fa');

    // The note's word finds the ticket for the desk, its snippet labelled as a note.
    await box.fill(noteWord);
    await box.press('Enter');
    await hit.locator('[data-snippet="internal"] mark').waitFor();

    // A phone typed in Persian digits finds the contact.
    await box.fill('۰۹۳۵۱۱۱۲۲۳۳');
    await box.press('Enter');
    const contacts = page.locator('section[data-group="contact"]');
    await contacts.getByText('نگار تلفنی').waitFor();
    expect(await contacts.getByRole('link').first().getAttribute('href')).toBe('/admin/contacts');

    // A contact's own tickets, through requester:<id>.
    await box.fill(desk.world.customer.name);
    await box.press('Enter');
    const requester = contacts.locator('[data-hit^="contact:"]').filter({ hasText: desk.world.customer.name });
    await requester.getByRole('link', { name: 'درخواست‌های این مخاطب' }).click();
    await page.waitForURL(/requester/);
    await page.getByRole('heading', { name: /requester:/ }).waitFor();
    await hit.waitFor();
    expect(await tickets.locator('[data-hit^="ticket:"]').count()).toBe(1);

    // #number in Persian digits opens the ticket.
    await box.fill(`#${toPersianDigits(String(ticket.number))}`);
    await box.press('Enter');
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}$`));

    // An unclosed quote: the reason in Persian, the quote marked.
    await box.fill('"unclosed');
    await box.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'این جست‌وجو خوانا نیست' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('گیومه بسته نشده است');
    expect(await alert.locator('mark').textContent()).toBe('"');
    await page.close();
  }, 120_000);

  it('in English the results read left to right with Latin digits, and load more by cursor', async () => {
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    for (let i = 0; i < 23; i++) await customer.call('POST', '/tickets', { title: `Printer jam on floor ${i}`, description: 'paper stuck', type: 'incident' });
    const indexed = () => desk.world.admin.call<{ items: unknown[] }>('GET', '/search?q=jam&type=ticket&limit=50').then((r) => r.items.length);
    await expect.poll(indexed, { timeout: 15_000 }).toBe(23);
    const page = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAs(page, '/', desk.world.analyst.email, 'en');
    await page.getByTestId('sidebar').waitFor();
    await page.goto(`/find?q=${encodeURIComponent('کیبورد')}`);
    await page.locator(`[data-hit="ticket:${ticket.id}"]`).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await page.getByRole('heading', { name: 'Tickets' }).count()).toBe(1);
    expect(await page.locator(`[data-hit="ticket:${ticket.id}"]`).textContent()).toContain(String(ticket.number));

    // A page of 20 says "20+"; Load more brings the other 3 by the cursor.
    await page.goto('/find?q=jam');
    const group = page.locator('section[data-group="ticket"]');
    await expect.poll(() => group.locator('[data-hit]').count()).toBe(20);
    expect(await group.locator('[data-count]').textContent()).toBe('20+');
    await group.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => group.locator('[data-hit]').count()).toBe(23);
    expect(await group.locator('[data-count]').textContent()).toBe('23');
    expect(await group.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page.close();
  }, 60_000);

  it('a customer finds their own request in the portal, not another customer’s, and never by a note’s word', async () => {
    const page = await (await contextFor(desk.browser, desk.server.url, 'fa', { width: 360, height: 740 })).newPage();
    await signInAs(page, '/portal/', desk.world.customer.email, 'fa');
    const field = page.getByRole('searchbox', { name: 'جست‌وجو در درخواست‌ها' });
    await field.fill('كيبورد');
    await field.press('Enter');
    const results = page.getByTestId('request-search');
    const own = results.locator(`[data-ticket-id="${ticket.id}"]`);
    await own.waitFor();
    expect(await own.locator('mark').first().textContent()).toBe('کیبورد');
    expect(await results.locator('[data-ticket-id]').count()).toBe(1);
    expect(await page.content()).not.toContain(otherTitle);
    await screenshot(page, 'portal-search-360x740-fa');

    await field.fill(noteWord);
    await field.press('Enter');
    await results.getByText('چیزی پیدا نشد.').waitFor();
    expect(await results.locator('[data-ticket-id]').count()).toBe(0);
    expect(await page.content()).not.toContain('کابل را عوض کردیم');

    // Clearing brings the list back.
    await results.getByRole('button', { name: 'پاک کردن جست‌وجو' }).click();
    await page.locator(`[data-ticket-id="${ticket.id}"]`).waitFor();
    await page.close();
  }, 60_000);
});
