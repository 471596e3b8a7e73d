import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, ApiClient, hasChromium, startServer, type RunningServer } from './server.ts';
import { requireChromium } from './desk.ts';
import { contextFor, launch, screenshot } from './browser.ts';

requireChromium();

/**
 * The link the server announced to the notification channels for an address (`access.link_issued`
 * in the outbox of the server's own SQLite database), opened with the desk's key as a mail driver
 * would (the e2e server has no mail relay, so the link mail waits unsent): this is how a customer's inbox is read here.
 */
function lastLinkTo(server: RunningServer, to: string): string {
  const db = new Database(path.join(server.dataDir, 'pishkhan.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("select payload from outbox where event = 'access.link_issued' order by id desc").all() as { payload: string }[];
    const payload = rows.map((r) => JSON.parse(r.payload) as { to: string; sealedLink: string }).find((p) => p.to === to);
    if (!payload) throw new Error(`no link issued to ${to}`);
    // Opened by the server's own crypto (in a child process: the web project does not compile server code).
    const crypto = path.resolve(import.meta.dirname, '../../../server/src/platform/crypto/index.ts');
    const script = `const c = await import(${JSON.stringify(crypto)}); const fs = await import('node:fs');
      const secret = fs.readFileSync(${JSON.stringify(path.join(server.dataDir, 'secret'))}, 'utf8').trim();
      process.stdout.write(c.open([c.deriveKey(secret)], ${JSON.stringify(payload.sealedLink)}, 'access.link'));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`opening the link failed: ${r.stderr}`);
    return r.stdout;
  } finally {
    db.close();
  }
}

describe.skipIf(!hasChromium)('portal self sign-up in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a customer signs up in Persian, opens the emailed link and lands signed in on their requests', async () => {
    const page = await (await contextFor(browser, server.url, 'fa', { width: 390, height: 844 })).newPage();
    // Off by default: the sign-in form offers no sign-up.
    await page.goto('/portal/');
    await page.getByRole('button', { name: 'ورود' }).waitFor();
    expect(await page.getByRole('link', { name: 'تازه‌وارد هستید؟ حساب بسازید' }).count()).toBe(0);

    const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    await admin.call('PUT', '/admin/portal/settings', { signUp: true });
    await page.reload();
    await page.getByRole('link', { name: 'تازه‌وارد هستید؟ حساب بسازید' }).click();
    const email = `newcomer-${Date.now()}@example.test`;
    await page.getByRole('heading', { name: 'ساختن حساب درگاه مشتریان' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByLabel('نام شما').fill('سارا احمدی');
    await page.getByRole('textbox', { name: 'ایمیل' }).fill(email);
    await page.locator('input[type=password]').nth(0).fill('یک گذرواژهٔ بلند برای درگاه');
    await page.locator('input[type=password]').nth(1).fill('یک گذرواژهٔ بلند برای درگاه');
    await screenshot(page, 'portal-sign-up-390x844-fa');
    await page.getByRole('button', { name: 'ساختن حساب' }).click();
    await page.getByRole('heading', { name: 'ایمیل خود را ببینید' }).waitFor();

    const link = new URL(lastLinkTo(server, email));
    expect(link.pathname).toBe('/portal/sign-up/verify');
    await page.goto(`${link.pathname}${link.hash}`);
    await page.getByRole('button', { name: 'تأیید و ورود' }).click();
    await page.getByRole('link', { name: 'درخواست تازه' }).waitFor();
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'portal-signed-up-390x844-fa');
  }, 120_000);
});
