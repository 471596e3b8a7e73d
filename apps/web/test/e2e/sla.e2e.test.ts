import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, ApiClient, hasChromium, PASSWORD } from './server.ts';
import { requireChromium, useE2eDesk } from './desk.ts';
import { contextFor, screenshot, signInAs } from './browser.ts';

requireChromium();

/** Today's epoch day in Tehran (the month view opens on it). */
function todayInTehran(): number {
  const text = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return Math.floor(Date.parse(`${text}T00:00:00Z`) / 86_400_000);
}

async function signInAdmin(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'ایمیل' }).fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.getByRole('button', { name: 'ورود' }).click();
}

describe.skipIf(!hasChromium)('SLA journey in a real browser', () => {
  const desk = useE2eDesk();

  it('an admin adds a holiday on the Tehran calendar and sees it in the month view, creates an SLA policy; an agent sees the countdown (fa RTL, en LTR)', async () => {
    const calendars = await desk.world.admin.call<{ items: { id: number; name: string; builtIn: string | null }[] }>('GET', '/admin/calendars');
    const tehran = calendars.items.find((c) => c.builtIn === 'tehran')!;
    const always = calendars.items.find((c) => c.builtIn === '24x7')!;

    const admin = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAdmin(admin);
    expect(await admin.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await admin.getByTestId('sidebar').getByRole('link', { name: 'تقویم‌های کاری' }).click();
    await admin.getByRole('table', { name: 'تقویم‌های کاری' }).waitFor();
    await admin.getByRole('link', { name: `باز کردن ${tehran.name}` }).click();

    // A one-off holiday today, picked on the Jalali month of the date picker.
    const today = todayInTehran();
    const form = admin.getByRole('form', { name: 'افزودن تعطیلی' });
    await form.getByRole('textbox', { name: 'تاریخ' }).click();
    await admin.locator(`.mantine-Popover-dropdown [data-day="${today}"]`).click();
    await form.getByRole('textbox', { name: 'نام (فارسی)' }).fill('روز شرکت');
    await form.getByRole('textbox', { name: 'نام (انگلیسی)' }).fill('Company day');
    await form.getByRole('button', { name: 'افزودن تعطیلی' }).click();
    const month = admin.getByRole('region', { name: 'نمای ماه' });
    const day = month.locator(`[data-day="${today}"]`);
    await expect.poll(() => day.getAttribute('title'), { timeout: 10_000 }).toContain('روز شرکت');
    expect(await day.getAttribute('data-mark')).toMatch(/holiday|estimated/);
    // The month's Friday is a day off on the Tehran calendar.
    expect(await month.locator('[data-mark="off"]').count()).toBeGreaterThanOrEqual(4);
    await admin.getByText('روز شرکت', { exact: true }).waitFor();
    await screenshot(admin, 'admin-calendar-1366x768-fa');
    const stored = await desk.world.admin.call<{ holidays: { name: { en: string } }[] }>('GET', `/admin/calendars/${tehran.id}`);
    expect(stored.holidays.map((h) => h.name.en)).toContain('Company day');

    // A default SLA policy on the 24×7 calendar: first response 4 hours, resolution 8 hours, every priority.
    await admin.getByTestId('sidebar').getByRole('link', { name: 'توافق‌نامه‌های سطح خدمت' }).click();
    const policy = admin.getByRole('form', { name: 'توافق‌نامهٔ تازه' });
    await policy.getByRole('textbox', { name: 'نام' }).fill('طلایی');
    await policy.getByLabel(/^تقویم/).first().click();
    await admin.getByRole('option', { name: always.name }).click();
    for (const priority of ['بحرانی', 'بالا', 'متوسط', 'پایین']) {
      await policy.getByRole('textbox', { name: new RegExp(`^نخستین پاسخ برای ${priority}$`) }).fill('4');
      await policy.getByRole('textbox', { name: new RegExp(`^حل برای ${priority}$`) }).fill('8');
    }
    await policy.getByRole('switch', { name: 'توافق‌نامهٔ پیش‌فرض شود' }).check({ force: true });
    await policy.getByRole('button', { name: 'ساختن' }).click();
    await admin.getByRole('table', { name: 'توافق‌نامه‌های سطح خدمت' }).getByText('طلایی').waitFor();
    const policies = await desk.world.admin.call<{ items: { name: string; isDefault: boolean; calendarId: number; targets: Record<string, { firstResponse?: number; resolution?: number }> }[] }>('GET', '/admin/sla/policies');
    const gold = policies.items.find((p) => p.name === 'طلایی')!;
    expect(gold).toMatchObject({ isDefault: true, calendarId: always.id });
    expect(Object.keys(gold.targets).sort()).toEqual(['1', '2', '3', '4']);
    expect(Object.values(gold.targets).every((x) => x.firstResponse === 240 && x.resolution === 480)).toBe(true);
    await screenshot(admin, 'admin-sla-1366x768-fa');

    // A customer's new ticket gets it; the analyst sees the countdown, in fa (RTL) and en (LTR).
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    const { id } = await customer.call<{ id: number }>('POST', '/tickets', { title: 'چاپگر طبقه دوم', type: 'incident' });
    const agent = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(agent, `/tickets/${id}`, desk.world.analyst.email, 'fa');
    const countdown = agent.getByTestId('sla-countdown');
    const first = countdown.locator('[data-target="firstResponse"]');
    await first.waitFor();
    expect(await first.getAttribute('data-state')).toBe('running');
    expect(await first.getAttribute('data-tone')).toBe('green');
    expect(await first.textContent()).toMatch(/نخستین پاسخ.*[۰-۹]+ ساعت.*مانده/);
    expect(await countdown.locator('[data-target="resolution"]').getAttribute('data-state')).toBe('running');
    expect(await agent.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await agent.getByTestId('sidebar').getByRole('link', { name: /نزدیک به گذشتن مهلت/ }).waitFor();
    await screenshot(agent, 'ticket-sla-1366x768-fa');

    // The list's SLA due column.
    await agent.getByTestId('sidebar').getByRole('link', { name: /باز در گروه‌های من/ }).click();
    const row = agent.locator(`[data-ticket-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/[۰-۹]+ ساعت/);

    const en = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAs(en, `/tickets/${id}`, desk.world.analyst.email, 'en');
    const firstEn = en.getByTestId('sla-countdown').locator('[data-target="firstResponse"]');
    await firstEn.waitFor();
    expect(await firstEn.textContent()).toMatch(/First response.*in 3 hours and \d+ minutes|First response.*in 4 hours/);
    expect(await en.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await en.getByTestId('sidebar').getByRole('link', { name: /Breaching soon/ }).waitFor();
    await screenshot(en, 'ticket-sla-1366x768-en');

    // Away status with a return date on the preferences page.
    await en.getByRole('link', { name: 'Preferences' }).click();
    const duty = en.getByRole('region', { name: 'On duty' });
    await duty.getByRole('textbox', { name: 'Back on' }).click();
    // Back tomorrow (on the next month's page when today ends the shown grid) — once the picker is open.
    await en.locator('.mantine-Popover-dropdown [data-day]').first().waitFor();
    const tomorrow = en.locator(`.mantine-Popover-dropdown [data-day="${today + 1}"]`);
    if ((await tomorrow.count()) === 0) await en.locator('.mantine-Popover-dropdown').getByRole('button', { name: 'Next month' }).click();
    await tomorrow.click();
    await duty.getByRole('button', { name: 'I am away' }).click();
    await duty.getByTestId('away-until').waitFor();
    const me = await (await ApiClient.signIn(desk.server.url, desk.world.analyst.email, PASSWORD)).call<{ awayUntil: string | null }>('GET', '/me/duty');
    expect(Date.parse(me.awayUntil!)).toBeGreaterThan(Date.now());

    await admin.context().close();
    await agent.context().close();
    await en.context().close();
  }, 120_000);
});
