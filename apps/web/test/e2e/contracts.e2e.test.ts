import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, hasChromium, PASSWORD } from './server.ts';
import { requireChromium, useE2eDesk } from './desk.ts';
import { contextFor, screenshot, signInAdmin, signInAs } from './browser.ts';

requireChromium();

const JALALI_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];

/** Today's epoch day and Jalali month name in Tehran (the date picker opens on it). */
function todayInTehran(): { day: number; monthName: string } {
  const text = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const month = Number(new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', month: 'numeric' }).format(new Date()));
  return { day: Math.floor(Date.parse(`${text}T00:00:00Z`) / 86_400_000), monthName: JALALI_MONTHS[month - 1]! };
}

async function signInAdminFa(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'ایمیل' }).fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.getByRole('button', { name: 'ورود' }).click();
}

type Contract = { id: number; name: string; startsOn: string; endsOn: string; policyId: number; rules: unknown[]; penalties: { perBreach: string; perHour: string; tiers: { from: number; perBreach: string; perHour: string }[] } };

describe.skipIf(!hasChromium)('contracts journey in a real browser', () => {
  let organizationId = 0;
  const desk = useE2eDesk(async (d) => {
    organizationId = (await d.world.admin.call<{ id: number }>('POST', '/organizations', { name: 'فن‌آوران پارس' })).id;
    const calendars = await d.world.admin.call<{ items: { id: number; builtIn: string | null }[] }>('GET', '/admin/calendars');
    await d.world.admin.call('POST', '/admin/sla/policies', { name: 'طلایی', calendarId: calendars.items.find((c) => c.builtIn === 'tehran')!.id, targets: { '1': { firstResponse: 60, resolution: 480 } } });
    await d.world.admin.call('POST', '/agents', { email: 'manager@e2e.test', name: 'نگار مدیر', roles: ['manager'], groupIds: [d.world.groupId], password: PASSWORD });
  });

  it('an admin adds a contract with tiers from an organisation (unordered tiers refused first, nothing created), sees its Jalali period, opens its penalty report (fa RTL, en LTR); a manager only reads', async () => {
    const contractsOfOrganization = () => desk.world.admin.call<{ items: Contract[] }>('GET', `/admin/contracts?organizationId=${organizationId}`);
    const admin = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAdminFa(admin);
    await admin.getByTestId('sidebar').getByRole('link', { name: 'سازمان‌ها' }).click();
    await admin.getByRole('link', { name: 'قراردادهای فن‌آوران پارس' }).click();
    await admin.getByText('هنوز قراردادی نیست.').waitFor();
    expect(new URL(admin.url()).searchParams.get('organizationId')).toBe(String(organizationId));

    const form = admin.getByRole('form', { name: 'قرارداد تازه' });
    expect(await form.getByRole('combobox', { name: 'سازمان', exact: true }).inputValue()).toBe('فن‌آوران پارس');
    await form.getByRole('textbox', { name: 'نام', exact: true }).fill('پشتیبانی سالانه');
    // The period: today to the last day of the picker's grid (on or after today).
    const today = todayInTehran();
    await form.getByRole('textbox', { name: 'دوره' }).click();
    const dropdown = admin.locator('.mantine-Popover-dropdown');
    await dropdown.locator(`[data-day="${today.day}"]`).click();
    await dropdown.locator('[data-day]').last().click();
    await form.getByRole('combobox', { name: 'توافق‌نامهٔ سطح خدمت', exact: true }).click();
    await admin.getByRole('option', { name: 'طلایی' }).click();
    // One rule, with the SLA rules' editor: critical tickets get the same policy.
    const rules = form.getByRole('region', { name: 'قاعده‌های قرارداد' });
    await rules.getByRole('button', { name: 'افزودن قاعده' }).click();
    await rules.getByRole('button', { name: 'افزودن شرط' }).click();
    await rules.getByRole('combobox', { name: 'مقدار' }).click();
    await admin.getByRole('option', { name: 'بحرانی' }).click();
    await rules.getByRole('combobox', { name: 'توافق‌نامه', exact: true }).click();
    await admin.getByRole('option', { name: 'طلایی' }).click();
    await form.getByRole('textbox', { name: 'برای هر نقض', exact: true }).fill('۵۰۰٬۰۰۰');
    await form.getByRole('textbox', { name: 'برای هر ساعت تأخیر', exact: true }).fill('100,000');
    await form.getByRole('button', { name: 'افزودن پله' }).click();
    await form.getByRole('textbox', { name: 'از ساعت (پلهٔ ۱)' }).fill('۲۴');
    await form.getByRole('textbox', { name: 'برای هر نقض (پلهٔ ۱)' }).fill('1000000');
    await form.getByRole('button', { name: 'افزودن پله' }).click();
    await form.getByRole('textbox', { name: 'از ساعت (پلهٔ ۲)' }).fill('4');

    // Tier 2 starts before tier 1: the form says so and sends nothing.
    await form.getByRole('button', { name: 'ساختن' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('پله‌های جریمه باید به ترتیب صعودی باشند');
    expect(await alert.textContent()).toContain('پلهٔ ۲');
    expect((await contractsOfOrganization()).items).toEqual([]);

    await form.getByRole('textbox', { name: 'از ساعت (پلهٔ ۲)' }).fill('48');
    await form.getByRole('textbox', { name: 'برای هر نقض (پلهٔ ۲)' }).fill('2,000,000');
    await form.getByRole('button', { name: 'ساختن' }).click();
    const table = admin.getByRole('table', { name: 'قراردادها' });
    await table.getByText('پشتیبانی سالانه').waitFor();
    const period = await table.getByTestId('contract-period').textContent();
    expect(period).toMatch(new RegExp(`^[۰-۹]+ ${today.monthName} [۰-۹]{4} تا [۰-۹]+ [^ ]+ [۰-۹]{4}$`));
    expect(await table.locator('[data-status]').getAttribute('data-status')).toBe('active');
    expect(await table.getByText('جاری').count()).toBe(1);
    await screenshot(admin, 'admin-contracts-1366x768-fa');
    const [stored] = (await contractsOfOrganization()).items;
    expect(stored!.rules).toEqual([{ filter: { all: [{ field: 'priority', op: 'eq', value: 1 }] }, policyId: stored!.policyId }]);
    expect(stored).toMatchObject({
      name: 'پشتیبانی سالانه',
      penalties: { perBreach: '500000', perHour: '100000', tiers: [{ from: 24, perBreach: '1000000', perHour: '100000' }, { from: 48, perBreach: '2000000', perHour: '100000' }] },
    });

    // The penalty report of the current Jalali month: no breaches yet.
    await table.getByRole('link', { name: 'گزارش جریمهٔ پشتیبانی سالانه' }).click();
    const report = admin.getByRole('region', { name: 'گزارش جریمه' });
    await report.getByTestId('penalty-total').waitFor();
    expect(await report.getByTestId('penalty-breaches').textContent()).toBe('۰');
    expect(await report.getByTestId('penalty-total').textContent()).toBe('۰ ریال');
    expect(await admin.getByRole('combobox', { name: 'ماه شمسی' }).inputValue()).toBe(today.monthName);
    expect(await admin.getByText('۵۰۰٬۰۰۰ ریال برای هر نقض، ۱۰۰٬۰۰۰ ریال برای هر ساعت تأخیر.', { exact: false }).count()).toBe(1);
    expect(await admin.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await screenshot(admin, 'admin-contract-penalties-1366x768-fa');

    const en = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAdmin(en);
    await en.getByTestId('sidebar').waitFor();
    await en.goto(`/admin/contracts/${stored!.id}`);
    const reportEn = en.getByRole('region', { name: 'Penalty report' });
    await reportEn.getByTestId('penalty-total').waitFor();
    expect(await reportEn.getByTestId('penalty-total').textContent()).toBe('0 Rials');
    expect(await en.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await screenshot(en, 'admin-contract-penalties-1366x768-en');

    // A manager reads the contracts from their own sidebar link, with nothing to edit.
    const manager = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(manager, '/', 'manager@e2e.test', 'fa');
    await manager.getByTestId('sidebar').getByRole('link', { name: 'قراردادها' }).click();
    const managerTable = manager.getByRole('table', { name: 'قراردادها' });
    await managerTable.getByText('پشتیبانی سالانه').waitFor();
    expect(await managerTable.getByRole('link', { name: 'گزارش جریمهٔ پشتیبانی سالانه' }).count()).toBe(1);
    expect(await manager.getByRole('button', { name: 'ویرایش پشتیبانی سالانه' }).count()).toBe(0);
    expect(await manager.getByRole('form', { name: 'قرارداد تازه' }).count()).toBe(0);

    await admin.context().close();
    await en.context().close();
    await manager.context().close();
  }, 120_000);
});
