import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWorld, hasChromium, SKIP_MESSAGE, startServer, type RunningServer, type World } from './server.ts';
import { contextFor, launch, screenshot, signInAs } from './browser.ts';

const CI = process.env.CI === 'true';
if (!hasChromium) {
  if (CI) throw new Error(SKIP_MESSAGE.replace('SKIPPED', 'FAILED'));
  console.warn(SKIP_MESSAGE);
}

describe.skipIf(!hasChromium)('journeys in a real browser', () => {
  let server: RunningServer;
  let world: World;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    world = await buildWorld(server);
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a portal request reaches the analyst; the customer sees the reply, not the note, and confirms', async () => {
    const title = `چاپگر طبقه دوم کار نمی‌کند ${Date.now()}`;
    const customer = await (await contextFor(browser, server.url, 'fa', { width: 390, height: 844 })).newPage();
    await signInAs(customer, '/portal/', world.customer.email, 'fa');
    await customer.getByRole('link', { name: 'درخواست تازه' }).click();
    await customer.getByLabel('عنوان').fill(title);
    await customer.getByLabel('شرح').fill('از صبح چیزی چاپ نمی‌شود.');
    await customer.getByRole('button', { name: 'فرستادن درخواست' }).click();
    await customer.getByRole('heading', { name: title }).waitFor();
    await screenshot(customer, 'portal-request-390x844-fa');

    const agent = await (await contextFor(browser, server.url, 'fa')).newPage();
    await signInAs(agent, '/', world.analyst.email, 'fa');
    await agent.getByRole('link', { name: /باز در گروه‌های من/ }).click();
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
    await agent.getByText('حل‌شده').first().waitFor();
    await screenshot(agent, 'workspace-ticket-1366x768-fa');

    await customer.reload();
    await customer.getByText('چاپگر دوباره راه‌اندازی شد؛ لطفاً امتحان کنید.').waitFor();
    expect(await customer.getByText('SECRET-NOTE').count()).toBe(0);
    expect(await customer.content()).not.toContain('SECRET-NOTE');
    await customer.getByRole('button', { name: 'بله، حل شد' }).click();
    await customer.getByText('بسته').first().waitFor();
    await agent.close();
    await customer.close();
  }, 120_000);
});
