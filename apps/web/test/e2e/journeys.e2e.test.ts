import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, createContactUser, hasChromium, PASSWORD } from './server.ts';
import { requireChromium, useE2eDesk } from './desk.ts';
import { contextFor, screenshot, signInAs } from './browser.ts';

/** How long a live change may take to show (the fallback poll is 60 s, so only the stream meets this). */
const LIVE_MS = 10_000;
requireChromium();

describe.skipIf(!hasChromium)('journeys in a real browser', () => {

  const desk = useE2eDesk();

  it('a portal request reaches the analyst; the customer sees the reply, not the note, and confirms', async () => {
    const title = `چاپگر طبقه دوم کار نمی‌کند ${Date.now()}`;
    // The analyst has the queue open before the request exists: it must appear there live (the
    // fallback poll is 60 s; the wait below is far shorter), with no reload.
    const agent = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(agent, '/', desk.world.analyst.email, 'fa');
    await agent.getByRole('link', { name: /باز در گروه‌های من/ }).click();
    await agent.getByRole('heading', { level: 2 }).first().waitFor();
    const customer = await (await contextFor(desk.browser, desk.server.url, 'fa', { width: 390, height: 844 })).newPage();
    await signInAs(customer, '/portal/', desk.world.customer.email, 'fa');
    await customer.getByRole('link', { name: 'درخواست تازه' }).click();
    await customer.getByLabel('عنوان').fill(title);
    await customer.getByLabel('شرح').fill('از صبح چیزی چاپ نمی‌شود.');
    await customer.getByRole('button', { name: 'فرستادن درخواست' }).click();
    await customer.getByRole('heading', { name: title }).waitFor();
    await screenshot(customer, 'portal-request-390x844-fa');

    await agent.getByRole('button', { name: title }).waitFor({ timeout: LIVE_MS });
    await agent.getByRole('button', { name: title }).click();
    await agent.getByRole('heading', { name: title }).waitFor();
    await agent.getByLabel('پاسخ به مشتری').fill('چاپگر دوباره راه‌اندازی شد؛ لطفاً امتحان کنید.');
    await agent.getByRole('button', { name: 'فرستادن پاسخ' }).click();
    await agent.getByText('چاپگر دوباره راه‌اندازی شد؛ لطفاً امتحان کنید.').waitFor();
    await agent.locator('label', { hasText: 'یادداشت داخلی' }).first().click();
    await agent.getByLabel('یادداشت داخلی (فقط کارشناسان)').fill('SECRET-NOTE: درایور کهنه بود');
    await agent.getByRole('button', { name: 'افزودن یادداشت' }).click();
    await agent.getByText('SECRET-NOTE: درایور کهنه بود').waitFor();
    await agent.getByLabel('وضعیت').first().click();
    await agent.getByRole('option', { name: 'حل‌شده' }).click();
    // Saved, not only picked: the status field shows it after the server's answer, with no stale notice.
    await expect.poll(() => agent.getByLabel('وضعیت').first().inputValue()).toBe('حل‌شده');
    await agent.getByTestId('ticket-status').filter({ hasText: 'حل‌شده' }).waitFor();
    await screenshot(agent, 'workspace-ticket-1366x768-fa');

    // The customer's open request shows the reply live, without a reload — and never the note.
    await customer.getByText('چاپگر دوباره راه‌اندازی شد؛ لطفاً امتحان کنید.').waitFor({ timeout: LIVE_MS });
    expect(await customer.getByText('SECRET-NOTE').count()).toBe(0);
    expect(await customer.content()).not.toContain('SECRET-NOTE');
    await customer.getByRole('button', { name: 'بله، حل شد' }).click();
    await customer.getByText('بسته').first().waitFor();
    await agent.close();
    await customer.close();
  }, 120_000);
});

describe.skipIf(!hasChromium)('more journeys in a real browser', () => {

  const desk = useE2eDesk();

  const agentPage = async (email: string, lang: 'fa' | 'en' = 'fa') => {
    const page = await (await contextFor(desk.browser, desk.server.url, lang)).newPage();
    await signInAs(page, '/', email, lang);
    await page.getByTestId('sidebar').waitFor();
    return page;
  };

  it('an analyst logs a phone call, finding the caller by phone in Persian digits, and resolves it in one step', async () => {
    const analystApi = await ApiClient.signIn(desk.server.url, desk.world.analyst.email, PASSWORD);
    await analystApi.call('POST', '/contacts', { name: 'کاوه تلفنی', phones: ['09121234567'] });
    const page = await agentPage(desk.world.analyst.email);
    await page.getByRole('link', { name: 'درخواست تازه' }).click();
    await page.getByLabel('یافتن مشتری').fill('۰۹۱۲ ۱۲۳ ۴۵۶۷');
    await page.getByTestId('contact-result').filter({ hasText: 'کاوه تلفنی' }).click();
    await page.getByText('درخواست‌کننده: کاوه تلفنی').waitFor();
    await page.getByLabel('عنوان').fill('رمز ایمیل فراموش شده');
    await page.getByLabel('همان‌جا حل شد (ذخیره به‌صورت حل‌شده)').check();
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await page.getByRole('heading', { name: 'رمز ایمیل فراموش شده' }).waitFor();
    await expect.poll(() => page.locator('#ticket-status').inputValue()).toBe('حل‌شده');
    const id = Number(page.url().split('/').pop());
    const ticket = await analystApi.call<{ status: string; channel: string; requester: { name: string } }>('GET', `/tickets/${id}`);
    expect(ticket).toMatchObject({ status: 'resolved', channel: 'phone', requester: { name: 'کاوه تلفنی' } });
    await page.context().close();
  }, 120_000);

  it('a referral to another group comes back to its owner when that group resolves it', async () => {
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    const { id } = await customer.call<{ id: number }>('POST', '/tickets', { title: 'سوئیچ طبقه سوم', type: 'incident' });
    const owner = await agentPage(desk.world.analyst.email);
    await owner.goto(`/tickets/${id}`);
    await owner.getByRole('button', { name: 'ارجاع به گروه دیگر' }).click();
    await owner.getByRole('dialog').getByLabel('گروه').click();
    await owner.getByRole('option', { name: 'شبکه' }).click();
    await owner.getByRole('dialog').getByLabel('دلیل').fill('مشکل از سوئیچ است');
    await owner.getByRole('dialog').getByRole('button', { name: 'تأیید' }).click();
    await owner.getByRole('dialog').waitFor({ state: 'detached' });

    const network = await agentPage(desk.world.analyst2.email, 'en');
    await network.getByRole('link', { name: /Open in my groups/ }).click();
    await network.getByRole('button', { name: 'سوئیچ طبقه سوم' }).click();
    await network.locator('#ticket-status').click();
    await network.getByRole('option', { name: 'Resolved' }).click();
    await expect.poll(() => network.locator('#ticket-status').inputValue()).toBe('Resolved');

    await owner.goto('/queues/recently_resolved');
    await owner.getByRole('button', { name: 'سوئیچ طبقه سوم' }).waitFor();
    const back = await (await ApiClient.signIn(desk.server.url, desk.world.analyst.email, PASSWORD)).call<{ assignee: { groupId: number } }>('GET', `/tickets/${id}`);
    expect(back.assignee.groupId).toBe(desk.world.groupId);
    await owner.context().close();
    await network.context().close();
  }, 120_000);

  it('a supervisor acknowledges an escalation from their queue', async () => {
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    const { id } = await customer.call<{ id: number }>('POST', '/tickets', { title: 'سرور حسابداری از دسترس خارج شد', type: 'incident' });
    const analyst = await agentPage(desk.world.analyst.email);
    await analyst.goto(`/tickets/${id}`);
    await analyst.getByRole('button', { name: 'ارجاع به سرپرست' }).click();
    await analyst.getByRole('dialog').getByLabel('دلیل').fill('مشتری ویژه است');
    await analyst.getByRole('dialog').getByRole('button', { name: 'تأیید' }).click();
    await analyst.getByRole('dialog').waitFor({ state: 'detached' });

    const supervisor = await agentPage(desk.world.supervisor.email);
    await supervisor.getByRole('link', { name: /ارجاع‌شده به من/ }).click();
    await supervisor.getByRole('button', { name: 'سرور حسابداری از دسترس خارج شد' }).click();
    await supervisor.getByRole('button', { name: 'پذیرش ارجاع' }).click();
    await supervisor.getByRole('button', { name: 'پذیرش ارجاع' }).waitFor({ state: 'detached' });
    const ticket = await (await ApiClient.signIn(desk.server.url, desk.world.supervisor.email, PASSWORD)).call<{ escalationAcknowledgedAt: string | null }>('GET', `/tickets/${id}`);
    expect(ticket.escalationAcknowledgedAt).not.toBeNull();
    await analyst.context().close();
    await supervisor.context().close();
  }, 120_000);

  it('two agents on one ticket see each other live, typing included; the customer never does', async () => {
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    const { id } = await customer.call<{ id: number }>('POST', '/tickets', { title: 'دو کارشناس روی یک درخواست', type: 'incident' });
    const sara = await agentPage(desk.world.analyst.email);
    await sara.goto(`/tickets/${id}`);
    await sara.getByRole('heading', { name: 'دو کارشناس روی یک درخواست' }).waitFor();
    const maryam = await agentPage(desk.world.supervisor.email);
    await maryam.goto(`/tickets/${id}`);
    await maryam.getByRole('heading', { name: 'دو کارشناس روی یک درخواست' }).waitFor();
    await sara.getByTestId('presence').filter({ hasText: 'در حال دیدن: مریم سرپرست' }).waitFor({ timeout: LIVE_MS });
    await maryam.getByTestId('presence').filter({ hasText: 'سارا کارشناس' }).waitFor({ timeout: LIVE_MS });
    await maryam.getByLabel('پاسخ به مشتری').pressSequentially('در حال بررسی');
    await sara.getByTestId('presence').filter({ hasText: 'در حال نوشتن: مریم سرپرست' }).waitFor({ timeout: LIVE_MS });
    await screenshot(sara, 'workspace-presence-1366x768-fa');
    // Leaving the ticket takes Maryam off Sara's view.
    await maryam.goto('/');
    await sara.getByTestId('presence').waitFor({ state: 'detached', timeout: LIVE_MS });
    const portal = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(portal, `/portal/requests/${id}`, desk.world.customer.email, 'fa');
    await portal.getByRole('heading', { name: 'دو کارشناس روی یک درخواست' }).waitFor();
    expect(await portal.getByTestId('presence').count()).toBe(0);
    await sara.context().close();
    await maryam.context().close();
    await portal.context().close();
  }, 120_000);

  it('is usable by keyboard alone: sign in, open a ticket, reply, and show the shortcuts', async () => {
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    await customer.call('POST', '/tickets', { title: 'Keyboard only ticket', type: 'incident' });
    const page = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await page.goto('/');
    const email = page.getByRole('textbox', { name: 'Email' });
    await email.waitFor();
    await email.focus();
    await page.keyboard.type(desk.world.analyst.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('sidebar').waitFor();
    await page.goto('/queues/open_in_my_groups');
    await page.getByRole('button', { name: 'Keyboard only ticket' }).waitFor();
    // j/k move through the list; Enter opens the focused row.
    const rows = await page.locator('tr[data-ticket-id]').count();
    const index = await page.locator('tr[data-ticket-id]').evaluateAll((trs) => trs.findIndex((tr) => tr.textContent?.includes('Keyboard only ticket')));
    await page.locator('body').focus();
    for (let i = 0; i < index; i++) await page.keyboard.press('j');
    expect(rows).toBeGreaterThan(index);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Keyboard only ticket' }).waitFor();
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('composer-text');
    await page.keyboard.type('Answered by keyboard');
    // Tab to the send button (past the attach button) and press it.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Send reply') break;
    }
    await page.keyboard.press('Enter');
    await page.locator('[data-kind=reply]').filter({ hasText: 'Answered by keyboard' }).waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.context().close();
  }, 120_000);

  it('renders planted script and event-handler payloads as text everywhere and runs none of them', async () => {
    const payload = (field: string) => `<img src=x onerror="window.__xss='${field}'"><script>window.__xss='${field}'</script><b onmouseover="window.__xss='${field}'">${field}</b>`;
    const name = payload('name');
    createContactUser(desk.server, 'xss@e2e.test', name);
    const contact = await ApiClient.signIn(desk.server.url, 'xss@e2e.test', PASSWORD);
    const { id } = await contact.call<{ id: number }>('POST', '/tickets', { title: payload('title'), description: payload('description'), type: 'incident' });
    // A file name cannot hold '/' (the server keeps the last path segment): no closing tags there.
    const fileId = await contact.upload(id, `<img src=x onerror="window.__xss='file'"><b onmouseover="window.__xss='file'">file.txt`, 'plain text');
    await contact.call('POST', `/tickets/${id}/replies`, { body: payload('body'), attachmentIds: [fileId] });

    const executed: string[] = [];
    const watch = async (page: Page) => {
      page.on('dialog', (d) => executed.push(`dialog ${d.message()}`));
      await page.addInitScript(() => Object.defineProperty(window, '__xss', { set: (v) => { (window as unknown as { __ran: unknown[] }).__ran.push(v); }, get: () => undefined, configurable: true }));
      await page.addInitScript(() => ((window as unknown as { __ran: unknown[] }).__ran = []));
    };
    const customer = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await watch(customer);
    await customer.goto('/portal/');
    await customer.getByRole('textbox', { name: 'Email' }).fill('xss@e2e.test');
    await customer.locator('input[type=password]').fill(PASSWORD);
    await customer.getByRole('button', { name: 'Sign in' }).click();
    await customer.getByText(payload('title')).first().waitFor();
    await customer.goto(`/portal/requests/${id}`);
    for (const field of ['title', 'description', 'body']) await customer.getByText(payload(field), { exact: false }).first().waitFor();
    // The file name as the server stored it (it may make names safe for download), shown as text.
    const stored = (await contact.call<{ items: { filename: string }[] }>('GET', `/tickets/${id}/attachments`)).items[0]!.filename;
    expect(stored).toContain('onerror');
    await customer.getByText(stored).waitFor();

    const agent = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await watch(agent);
    await signInAs(agent, '/', desk.world.analyst.email, 'en');
    // A navigation before the sign-in's answer would cancel it: wait until the workspace shows.
    await agent.getByTestId('sidebar').waitFor();
    await agent.goto('/queues/open_in_my_groups');
    await agent.getByText(payload('title')).first().waitFor();
    await agent.getByText(name).first().waitFor();
    await agent.goto(`/tickets/${id}`);
    for (const field of ['title', 'description', 'body', 'name']) await agent.getByText(payload(field)).first().waitFor();
    await agent.getByText(stored).waitFor();
    await agent.locator('b').filter({ hasText: /^title$/ }).count().then((n) => expect(n).toBe(0));
    await agent.mouse.move(10, 10);
    for (const page of [customer, agent]) {
      executed.push(...(await page.evaluate(() => (window as unknown as { __ran: string[] }).__ran.map(String))));
      expect(await page.locator('img[src="x"]').count()).toBe(0);
    }
    expect(executed).toEqual([]);
    await customer.context().close();
    await agent.context().close();
  }, 120_000);
});
