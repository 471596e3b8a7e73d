import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN, CHROMIUM, CHROMIUM_ARGS, PASSWORD } from './server.ts';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../../../test-artifacts');

/** Headless Debian Chromium; Playwright gives each launch a fresh temporary profile (user data dir). */
export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A browser context (its own cookies) with the UI language chosen before the first page loads. */
export async function contextFor(browser: Browser, base: string, lang: 'fa' | 'en', viewport = { width: 1366, height: 768 }): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport, locale: lang === 'fa' ? 'fa-IR' : 'en-GB' });
  await context.addInitScript((l) => window.localStorage.setItem('pishkhan.language', l), lang);
  return context;
}

export async function signInAs(page: Page, path_: string, email: string, lang: 'fa' | 'en'): Promise<void> {
  await page.goto(path_);
  await page.getByRole('textbox', { name: lang === 'fa' ? 'ایمیل' : 'Email' }).fill(email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.getByRole('button', { name: lang === 'fa' ? 'ورود' : 'Sign in' }).click();
}

/** The e2e admin signs in with its own password (signInAs uses the shared one), in English. */
export async function signInAdmin(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Email' }).fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}
