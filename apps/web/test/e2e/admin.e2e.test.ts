import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ApiClient, hasChromium, PASSWORD } from './server.ts';
import { requireChromium, useE2eDesk } from './desk.ts';
import { contextFor, screenshot, signInAdmin, signInAs } from './browser.ts';

requireChromium();

describe.skipIf(!hasChromium)('admin and account journeys in a real browser', () => {

  const desk = useE2eDesk();

  it('an admin creates an agent in a group; the agent signs in with the one-time password, must change it, and works', async () => {
    const admin = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAdmin(admin);
    await admin.getByTestId('sidebar').getByRole('link', { name: 'Agents' }).click();
    await admin.getByRole('heading', { name: 'New agent' }).waitFor();
    const form = admin.locator('form').filter({ has: admin.getByRole('heading', { name: 'New agent' }) });
    await form.getByLabel('Name').fill('Nima New');
    await form.getByLabel('Email').fill('nima@e2e.test');
    await form.getByLabel('Groups').click();
    await admin.getByRole('option', { name: 'شبکه' }).click();
    await admin.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Create' }).click();
    const password = (await admin.getByTestId('shown-once').textContent())!.trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await admin.getByRole('cell', { name: 'nima@e2e.test' }).waitFor();
    // A failed submit keeps what was typed: the same email again is refused, the form stays filled.
    await form.getByLabel('Name').fill('Nima Again');
    await form.getByLabel('Email').fill('nima@e2e.test');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByLabel('Name').inputValue()).toBe('Nima Again');
    await screenshot(admin, 'admin-agents-1366x768-en');
    const agents = await desk.world.admin.call<{ items: { email: string; groupIds: number[] }[] }>('GET', '/agents?limit=200');
    expect(agents.items.find((a) => a.email === 'nima@e2e.test')?.groupIds).toEqual([desk.world.otherGroupId]);

    const agent = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await agent.goto('/');
    await agent.getByRole('textbox', { name: 'ایمیل' }).fill('nima@e2e.test');
    await agent.locator('input[type=password]').fill(password);
    await agent.getByRole('button', { name: 'ورود' }).click();
    await agent.getByText('با گذرواژهٔ یک‌بارمصرف وارد شده‌اید').waitFor();
    await agent.getByLabel('گذرواژهٔ کنونی').fill(password);
    await agent.getByLabel(/^گذرواژهٔ تازه/).fill('a-brand-new-passphrase-42');
    await agent.getByLabel('تکرار گذرواژهٔ تازه').fill('a-brand-new-passphrase-42');
    await agent.getByRole('button', { name: 'تغییر گذرواژه' }).click();
    await agent.getByTestId('sidebar').getByRole('link', { name: /باز در گروه‌های من/ }).waitFor();
    await ApiClient.signIn(desk.server.url, 'nima@e2e.test', 'a-brand-new-passphrase-42');
    await admin.context().close();
    await agent.context().close();
  }, 120_000);

  it('an admin hands over a password reset link; the agent sets a new password on its page (axe-clean in fa and en), once', async () => {
    const admin = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAdmin(admin);
    await admin.getByTestId('sidebar').getByRole('link', { name: 'Agents' }).click();
    await admin.getByRole('button', { name: 'Edit Reza Network' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Send invitation / password reset link' }).click();
    const link = new URL((await admin.getByRole('dialog').getByTestId('shown-once').textContent())!.trim());
    expect(link.pathname).toBe('/invitation');
    await admin.context().close();

    const serious = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    const en = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await en.goto(`${link.pathname}${link.hash}`);
    await en.getByRole('heading', { name: 'Welcome — choose your password' }).waitFor();
    expect(await serious(en)).toEqual([]);
    await en.context().close();

    const page = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await page.goto(`${link.pathname}${link.hash}`);
    await page.getByRole('heading', { name: 'خوش آمدید — گذرواژهٔ خود را برگزینید' }).waitFor();
    expect(await serious(page)).toEqual([]);
    await page.getByLabel(/^گذرواژهٔ تازه/).fill('reza-chose-this-one-77');
    await page.getByLabel(/^تکرار گذرواژهٔ تازه/).fill('reza-chose-this-one-77');
    await page.getByRole('button', { name: 'تنظیم گذرواژه' }).click();
    await page.getByText('گذرواژهٔ شما تنظیم شد.', { exact: false }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await ApiClient.signIn(desk.server.url, desk.world.analyst2.email, 'reza-chose-this-one-77');
    // The link is spent: using it again is refused, in the page's language, and the typed password stays.
    const again = await page.context().newPage();
    await again.goto(`${link.pathname}${link.hash}`);
    await again.getByLabel(/^گذرواژهٔ تازه/).fill('another-try-password-88');
    await again.getByLabel(/^تکرار گذرواژهٔ تازه/).fill('another-try-password-88');
    await again.getByRole('button', { name: 'تنظیم گذرواژه' }).click();
    await again.getByRole('alert').waitFor();
    expect(await again.getByRole('alert').textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await again.getByLabel(/^گذرواژهٔ تازه/).inputValue()).toBe('another-try-password-88');
    await page.context().close();
  }, 120_000);

  it('an agent creates an API token (shown once), uses it, and revokes it — by keyboard', async () => {
    const page = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(page, '/', desk.world.analyst.email, 'fa');
    await page.getByTestId('sidebar').getByRole('link', { name: 'توکن‌های دسترسی برنامه‌ها' }).click();
    await page.getByRole('textbox', { name: 'نام' }).focus();
    await page.keyboard.type('اسکریپت گزارش');
    await page.keyboard.press('Enter');
    const token = (await page.getByTestId('shown-once').textContent())!.trim();
    const call = (t: string) => fetch(`${desk.server.url}/api/v1/me/tokens`, { headers: { authorization: `Bearer ${t}` } }).then((r) => r.status);
    expect(await call(token)).toBe(200);
    const revoke = page.getByRole('button', { name: 'لغو توکن اسکریپت گزارش' });
    await revoke.focus();
    await page.keyboard.press('Enter');
    await page.getByText('لغوشده').waitFor();
    expect(await call(token)).toBe(401);
    await screenshot(page, 'account-tokens-1366x768-fa');
    await page.context().close();
  }, 120_000);

  it('shows planted payloads in admin lists as text and runs none of them', async () => {
    const payload = (field: string) => `<img src=x onerror="window.__xss='${field}'"><b onmouseover="window.__xss='${field}'">${field}</b>`;
    const org = await desk.world.admin.call<{ id: number }>('POST', '/organizations', { name: payload('org') });
    await desk.world.admin.call('POST', '/contacts', { name: payload('contact'), organizationId: org.id, emails: ['planted@e2e.test'] });
    const page = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await page.addInitScript(() => Object.defineProperty(window, '__xss', { set: (v) => { ((window as unknown as { __ran?: unknown[] }).__ran ??= []).push(v); }, get: () => undefined, configurable: true }));
    await signInAdmin(page);
    await page.getByTestId('sidebar').waitFor();
    for (const [path, fields] of [['/admin/organizations', ['org']], ['/admin/contacts', ['contact', 'org']]] as const) {
      await page.goto(path);
      for (const field of fields) await page.getByRole('cell', { name: payload(field) }).first().waitFor();
      for (const field of fields) await page.getByRole('cell', { name: payload(field) }).first().hover();
      expect(await page.locator('main img, main b[onmouseover]').count()).toBe(0);
    }
    expect(await page.evaluate(() => (window as unknown as { __ran?: unknown[] }).__ran ?? [])).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('marks an article whose mail did not leave (no relay) with the reason', async () => {
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    const { id } = await customer.call<{ id: number }>('POST', '/tickets', { title: 'ایمیل نرسید', type: 'incident' });
    const analyst = await ApiClient.signIn(desk.server.url, desk.world.analyst.email, PASSWORD);
    await analyst.call('POST', `/tickets/${id}/email/replies`, { body: 'پاسخ با ایمیل' });
    const page = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(page, '/', desk.world.analyst.email, 'fa');
    await page.getByTestId('sidebar').waitFor();
    await page.goto(`/tickets/${id}`);
    const badge = page.getByTestId('mail-failure');
    await badge.waitFor();
    expect(await badge.textContent()).toContain('رلهٔ خروجی تنظیم نشده است.');
    await page.context().close();
  }, 120_000);
});
