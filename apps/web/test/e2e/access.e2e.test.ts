import path from 'node:path';
import Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, hasChromium, PASSWORD } from './server.ts';
import { requireChromium, useE2eDesk } from './desk.ts';
import { contextFor, screenshot, signInAdmin, signInAs } from './browser.ts';

requireChromium();

/** The code of the authenticator app one time step ahead: the step the confirmation used is spent, the next one is not (the server allows one step of drift). */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

describe.skipIf(!hasChromium)('two-step sign-in and held mail in a real browser', () => {
  const desk = useE2eDesk(undefined, { smtp: true });

  it('an agent enrols an authenticator app, signs out, and signs in with its code, then with a recovery code', async () => {
    // An agent of its own: the other journeys here sign in by password alone.
    const email = 'totp@e2e.test';
    await desk.world.admin.call('POST', '/agents', { email, name: 'Tara Totp', roles: ['analyst'], groupIds: [desk.world.groupId], password: PASSWORD });
    const page = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAs(page, '/', email, 'en');
    await page.getByTestId('sidebar').getByRole('link', { name: 'Two-step verification' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code to add this account to an authenticator app' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    // A wrong code is refused in words; the form stays.
    await page.getByRole('textbox', { name: /^Code from the app\W*$/ }).fill('000000');
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByRole('textbox', { name: /^Code from the app\W*$/ }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await screenshot(page, 'account-two-step-1366x768-en');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('10 recovery codes left').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signInAs(page, '/', email, 'en');
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    await page.getByLabel('Authentication code').fill('123 45');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Authentication code').fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('sidebar').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    // Lost phone: a recovery code instead, in Persian.
    const fa = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(fa, '/', email, 'fa');
    await fa.getByRole('button', { name: 'به‌جای آن از کد بازیابی استفاده کنم' }).click();
    await fa.getByLabel('کد بازیابی').fill(codes[0]!);
    await screenshot(fa, 'sign-in-recovery-code-1366x768-fa');
    await fa.getByRole('button', { name: 'تأیید' }).click();
    await fa.getByTestId('sidebar').waitFor();
    await fa.getByTestId('sidebar').getByRole('link', { name: 'ورود دومرحله‌ای' }).click();
    await fa.getByText('۹ کد بازیابی مانده').waitFor();
    await page.context().close();
    await fa.context().close();
  }, 120_000);

  it('a stranger’s mail is held; the admin reads it as text and accepts it into a ticket', async () => {
    const db = new Database(path.join(desk.server.dataDir, 'pishkhan.sqlite'));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('email.unknown_senders', '\"hold\"', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(Date.now());
    db.close();
    const subject = `Laptop request ${Date.now()}`;
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: desk.smtpPort!, secure: false, ignoreTLS: true })
      .sendMail({ from: 'Nima <nima@stranger.example>', to: 'support@localhost', subject, text: 'Hello, I need a laptop.<img src=x onerror="window.__xss=1">' });

    const page: Page = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAdmin(page);
    await page.getByTestId('sidebar').getByRole('link', { name: 'Held mail' }).click();
    await page.getByRole('cell', { name: 'nima@stranger.example' }).waitFor();
    await page.getByRole('button', { name: `Review ${subject}` }).click();
    const body = page.getByRole('dialog').getByTestId('held-body');
    await body.waitFor();
    expect(await body.textContent()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await screenshot(page, 'admin-held-mail-1366x768-en');
    await page.getByRole('button', { name: 'Accept and create the ticket' }).click();
    await page.getByText('Accepted.').waitFor();
    await page.getByRole('link', { name: 'Open the ticket' }).click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await page.getByRole('heading', { name: subject }).waitFor();
    const held = await desk.world.admin.call<{ items: unknown[] }>('GET', '/admin/email/held');
    expect(held.items).toHaveLength(0);
    await page.context().close();

    // Supervisors review held mail too: the one admin page in their sidebar.
    const supervisor = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signInAs(supervisor, '/', desk.world.supervisor.email, 'fa');
    await supervisor.getByTestId('sidebar').getByRole('link', { name: 'نامه‌های نگه‌داشته' }).click();
    await supervisor.getByText('نامه‌ای در انتظار بررسی نیست.').waitFor();
    expect(await supervisor.getByTestId('sidebar').getByRole('link', { name: 'کارشناسان' }).count()).toBe(0);
    await supervisor.context().close();
  }, 120_000);

  it('an agent replies by email to the requester and the Cc’d contact, adds a Cc, and is told of a bad address', async () => {
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    const { id } = await customer.call<{ id: number }>('POST', '/tickets', { title: 'VPN drops every hour', type: 'incident' });
    const colleague = await desk.world.admin.call<{ id: number }>('POST', '/contacts', { name: 'Colleague', emails: ['colleague@e2e.test'] });
    await desk.world.admin.call('POST', `/tickets/${id}/watchers`, { contactId: colleague.id });

    const page = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAs(page, `/tickets/${id}`, desk.world.analyst.email, 'en');
    await page.getByRole('heading', { name: 'VPN drops every hour' }).waitFor();
    await page.locator('label', { hasText: 'Reply by email' }).first().click();
    const to = page.getByRole('combobox', { name: 'To', exact: true });
    const cc = page.getByRole('combobox', { name: 'Cc', exact: true });
    await page.getByText(desk.world.customer.email).first().waitFor();
    await page.getByText('colleague@e2e.test').waitFor();
    await cc.fill('not-an-address');
    await cc.press('Enter');
    await page.getByText('Not an email address: not-an-address').waitFor();
    await cc.fill('vendor@example.ir');
    await cc.press('Enter');
    expect(await to.count()).toBe(1);
    await page.getByLabel('Reply to the customer').fill('Please restart the VPN client and tell us.');
    await screenshot(page, 'composer-email-recipients-1366x768-en');
    await page.getByRole('button', { name: 'Send email' }).click();
    await page.getByText('Please restart the VPN client and tell us.').nth(0).waitFor();
    const mail = await desk.world.admin.call<{ items: { purpose: string; to: { address: string }[]; cc: { address: string }[] }[] }>('GET', `/tickets/${id}/email/messages`);
    const reply = mail.items.find((m) => m.purpose === 'reply')!;
    expect(reply.to.map((a) => a.address)).toEqual([desk.world.customer.email]);
    expect(reply.cc.map((a) => a.address).sort()).toEqual(['colleague@e2e.test', 'vendor@example.ir']);
    await page.context().close();
  }, 120_000);

  it('an admin adds a directory and an identity provider; the sign-in page offers both, secrets never come back', async () => {
    const page = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
    await signInAdmin(page);
    await page.getByTestId('sidebar').getByRole('link', { name: 'Single sign-on' }).click();
    const directory = page.locator('form').filter({ has: page.getByRole('textbox', { name: 'Service account (bind DN)' }) }).first();
    await directory.getByRole('textbox', { name: /^Name/ }).first().fill('Head office AD');
    await directory.getByRole('textbox', { name: /^Server address/ }).fill('ldaps://dc.example.ir');
    await directory.getByRole('textbox', { name: /^Service account \(bind DN\)/ }).fill('cn=svc,dc=example,dc=ir');
    await directory.getByLabel(/^Service account password/).fill('bind-secret-123');
    await directory.getByRole('textbox', { name: /^User search base/ }).fill('ou=people,dc=example,dc=ir');
    await directory.getByRole('button', { name: 'Add a mapping' }).click();
    await directory.getByRole('textbox', { name: 'Directory group (DN)' }).fill('cn=desk,dc=example,dc=ir');
    await directory.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'Head office AD', exact: true }).waitFor();
    const provider = page.locator('form').filter({ has: page.getByRole('textbox', { name: /^Client id/ }) }).first();
    await provider.getByRole('textbox', { name: /^Name/ }).fill('Keycloak');
    await provider.getByRole('textbox', { name: /^Issuer address/ }).fill('https://id.example.ir/realms/desk');
    await provider.getByRole('textbox', { name: /^Client id/ }).fill('pishkhan');
    await provider.getByLabel(/^Client secret/).fill('client-secret-456');
    await provider.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'Keycloak', exact: true }).waitFor();
    await screenshot(page, 'admin-sso-1366x768-en');
    expect(await page.content()).not.toContain('bind-secret-123');
    const dirs = await desk.world.admin.call<{ items: { groupMappings: { group: string; roles: string[] }[]; bindPasswordSet: boolean }[] }>('GET', '/admin/sso/directories');
    expect(dirs.items[0]).toMatchObject({ bindPasswordSet: true, groupMappings: [{ group: 'cn=desk,dc=example,dc=ir', roles: ['analyst'] }] });
    await page.context().close();

    const signIn = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
    await signIn.goto('/');
    await signIn.getByRole('link', { name: 'ورود با Keycloak' }).waitFor();
    expect(await signIn.getByRole('link', { name: 'ورود با Keycloak' }).getAttribute('href')).toMatch(/^\/api\/v1\/sso\/oidc\/\d+\/start\?returnTo=%2F$/);
    await signIn.locator('label', { hasText: 'Head office AD' }).click();
    await signIn.getByRole('textbox', { name: /^نام کاربری/ }).waitFor();
    await screenshot(signIn, 'sign-in-sso-1366x768-fa');
    await signIn.context().close();
    // The other journeys sign in by password: the options go again.
    await desk.world.admin.call('PATCH', `/admin/sso/directories/${(await desk.world.admin.call<{ items: { id: number; version: number }[] }>('GET', '/admin/sso/directories')).items[0]!.id}`, { version: 1, active: false });
  }, 120_000);

  it('while admins must use two-step verification, a new admin sees only the enrolment until done', async () => {
    const setting = (value: boolean) => {
      const db = new Database(path.join(desk.server.dataDir, 'pishkhan.sqlite'));
      db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('access.totp_required_for_admins', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(value), Date.now());
      db.close();
    };
    const email = 'new-admin@e2e.test';
    await desk.world.admin.call('POST', '/agents', { email, name: 'Negar Admin', roles: ['admin'], groupIds: [desk.world.groupId], password: PASSWORD });
    setting(true);
    try {
      const page = await (await contextFor(desk.browser, desk.server.url, 'en')).newPage();
      await signInAs(page, '/', email, 'en');
      await page.getByText('Admins must use two-step verification here. Set it up before you go on.').waitFor();
      expect(await page.getByTestId('sidebar').count()).toBe(0);
      await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
      const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
      await page.getByRole('textbox', { name: /^Code from the app\W*$/ }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
      await page.getByRole('button', { name: 'Confirm and turn on' }).click();
      await page.getByTestId('recovery-codes').waitFor();
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await page.getByTestId('sidebar').getByRole('link', { name: 'Agents' }).waitFor();
      await page.context().close();
    } finally {
      setting(false);
    }
  }, 120_000);
});
