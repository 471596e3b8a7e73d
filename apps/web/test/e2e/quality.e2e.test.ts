import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ADMIN, ApiClient, hasChromium, PASSWORD } from './server.ts';
import { requireChromium, useE2eDesk } from './desk.ts';
import { contextFor, screenshot, signInAs } from './browser.ts';
import { BUDGETS, measure, type Fetched } from './budget.ts';

requireChromium();

const SRC = path.resolve(import.meta.dirname, '../../src');
const LANGS = ['fa', 'en'] as const;
type Lang = (typeof LANGS)[number];
type Who = 'anonymous' | 'analyst' | 'admin' | 'customer';

/** Every <Route path> of an entry's source (the set a visit list must cover). */
function routesOf(...files: string[]): string[] {
  return files.flatMap((f) => [...readFileSync(path.join(SRC, f), 'utf8').matchAll(/<Route path="([^"]+)"/g)].map((m) => m[1]!)).filter((r) => r !== '*' && r !== '/admin/*');
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

describe.skipIf(!hasChromium)('quality bars in a real browser', () => {
  let ticketId = 0;
  const emails: Record<Exclude<Who, 'anonymous'>, string> = { analyst: '', admin: ADMIN.email, customer: '' };

  const desk = useE2eDesk(async () => {
    emails.analyst = desk.world.analyst.email;
    emails.customer = desk.world.customer.email;
    const customer = await ApiClient.signIn(desk.server.url, desk.world.customer.email, PASSWORD);
    ticketId = (await customer.call<{ id: number }>('POST', '/tickets', { title: 'VPN قطع است', description: 'از دیروز', type: 'incident' })).id;
  });

  async function pageAs(who: Who, entry: '/' | '/portal/', lang: Lang, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await (await contextFor(desk.browser, desk.server.url, lang, viewport)).newPage();
    if (who === 'anonymous') await page.goto(entry);
    else {
      await signInAs(page, entry, emails[who], lang);
      await page.getByRole('main').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    return page;
  }

  it('axe finds no serious or critical violation on any route of either entry, in fa and en', async () => {
    const admin = await ApiClient.signIn(desk.server.url, ADMIN.email, ADMIN.password);
    const tehran = (await admin.call<{ items: { id: number; builtIn: string | null }[] }>('GET', '/admin/calendars')).items.find((c) => c.builtIn === 'tehran')!.id;
    // A contract with a tier, so that the contracts list and its penalty report have something to show.
    const organizationId = (await admin.call<{ id: number }>('POST', '/organizations', { name: 'سازمان نمونه' })).id;
    const policyId = (await admin.call<{ id: number }>('POST', '/admin/sla/policies', { name: 'پایه', calendarId: tehran, targets: { '1': { firstResponse: 60 } } })).id;
    const contract = await admin.call<{ id: number }>('POST', '/admin/contracts', {
      organizationId, name: 'قرارداد نمونه', startsOn: '2026-03-21', endsOn: '2027-03-20', policyId,
      penalties: { perBreach: '500000', perHour: '100000', tiers: [{ from: 24, perBreach: '1000000', perHour: '100000' }], cap: '5000000' },
    });
    const agentVisits: { route: string; path: string; who: Who }[] = [
      { route: '/', path: '/', who: 'analyst' },
      { route: '/queues/:name', path: '/queues/unassigned_in_my_groups', who: 'analyst' },
      { route: '/tickets/:id', path: `/tickets/${ticketId}`, who: 'analyst' },
      { route: '/new', path: '/new', who: 'analyst' },
      { route: '/search', path: '/search', who: 'analyst' },
      { route: '/find', path: `/find?q=${encodeURIComponent('VPN قطع')}`, who: 'analyst' },
      { route: '/preferences', path: '/preferences', who: 'analyst' },
      ...['sessions', 'tokens', 'password', 'two-step'].map((p) => ({ route: `/account/${p}`, path: `/account/${p}`, who: 'analyst' as const })),
      ...['agents', 'groups', 'organizations', 'contacts', 'categories', 'priority', 'settings', 'mailboxes', 'held-mail', 'sso', 'templates', 'jobs', 'audit', 'calendars', 'sla', 'contracts'].map((p) => ({ route: p, path: `/admin/${p}`, who: 'admin' as const })),
      { route: 'calendars/:id', path: `/admin/calendars/${tehran}`, who: 'admin' as const },
      { route: 'contracts/:id', path: `/admin/contracts/${contract.id}`, who: 'admin' as const },
    ];
    const portalVisits = [
      { route: '/', path: '/portal/', who: 'customer' as const },
      { route: '/new', path: '/portal/new', who: 'customer' as const },
      { route: '/requests/:id', path: `/portal/requests/${ticketId}`, who: 'customer' as const },
      // Before a sign-in: the self sign-up pages (the verify page without a token says the link is not valid).
      { route: '/sign-up', path: '/portal/sign-up', who: 'anonymous' as const },
      { route: '/sign-up/verify', path: '/portal/sign-up/verify', who: 'anonymous' as const },
    ];
    // A route of the source without a visit fails here, before any page opens.
    expect(routesOf('agent/AgentApp.tsx', 'admin/AdminRoutes.tsx').filter((r) => !agentVisits.some((v) => v.route === r))).toEqual([]);
    expect(routesOf('portal/PortalApp.tsx').filter((r) => !portalVisits.some((v) => v.route === r))).toEqual([]);

    const problems: string[] = [];
    for (const lang of LANGS) {
      for (const entry of ['/', '/portal/'] as const) {
        const signIn = await pageAs('anonymous', entry, lang);
        await signIn.getByRole('button').first().waitFor();
        problems.push(...(await seriousViolations(signIn)).map((v) => `${lang} ${entry} sign-in: ${v}`));
        await signIn.context().close();
      }
      for (const who of ['anonymous', 'analyst', 'admin', 'customer'] as const) {
        const visits = who === 'customer' || who === 'anonymous' ? portalVisits.filter((v) => v.who === who) : agentVisits.filter((v) => v.who === who);
        const page = await pageAs(who, who === 'customer' || who === 'anonymous' ? '/portal/' : '/', lang);
        for (const visit of visits) {
          await page.goto(visit.path);
          await page.getByRole('main').first().waitFor();
          await page.waitForLoadState('networkidle');
          problems.push(...(await seriousViolations(page)).map((v) => `${lang} ${visit.path}: ${v}`));
        }
        await page.context().close();
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('sets <html dir lang>, puts the sidebar right in fa and left in en, and mirrors chevrons', async () => {
    for (const lang of LANGS) {
      const page = await pageAs('analyst', '/', lang);
      expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual([lang === 'fa' ? 'rtl' : 'ltr', lang]);
      const box = (await page.getByTestId('sidebar').boundingBox())!;
      if (lang === 'fa') expect(box.x + box.width).toBeGreaterThan(1366 - 2);
      else expect(box.x).toBeLessThan(2);
      const transform = await page.locator('.chevron').first().evaluate((el) => getComputedStyle(el).transform);
      expect(transform).toBe(lang === 'fa' ? 'matrix(-1, 0, 0, 1, 0, 0)' : 'none');
      await screenshot(page, `workspace-queue-1366x768-${lang}`);
      await page.context().close();
      const phone = await pageAs('analyst', '/', lang, { width: 390, height: 844 });
      await screenshot(phone, `workspace-queue-390x844-${lang}`);
      await phone.context().close();
    }
  }, 120_000);

  it('fits every portal page into 360×740 in fa and en (no element outside 0–360 px)', async () => {
    for (const lang of LANGS) {
      const anonymous = await pageAs('anonymous', '/portal/', lang, { width: 360, height: 740 });
      await anonymous.getByRole('button').first().waitFor();
      const pages: [string, Page][] = [['sign-in', anonymous]];
      const page = await pageAs('customer', '/portal/', lang, { width: 360, height: 740 });
      for (const [name, url] of [['list', '/portal/'], ['new', '/portal/new'], ['request', `/portal/requests/${ticketId}`]] as const) {
        await page.goto(url);
        await page.getByRole('main').first().waitFor();
        await page.waitForLoadState('networkidle');
        pages.push([name, page]);
        const outside = await page.evaluate(() => {
          const bad: string[] = [];
          for (const el of Array.from(document.querySelectorAll('body *'))) {
            const style = getComputedStyle(el);
            const rect = el.getBoundingClientRect();
            if (style.display === 'none' || style.visibility === 'hidden' || rect.width === 0 || rect.height === 0) continue;
            if (rect.left < -0.5 || rect.right > 360.5) bad.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} ${Math.round(rect.left)}–${Math.round(rect.right)}`);
          }
          return { scrollWidth: document.documentElement.scrollWidth, bad: bad.slice(0, 10) };
        });
        expect(outside.scrollWidth, `${lang} ${name}`).toBeLessThanOrEqual(360);
        expect(outside.bad, `${lang} ${name}`).toEqual([]);
        await screenshot(page, `portal-${name}-360x740-${lang}`);
      }
      const signInWidth = await anonymous.evaluate(() => document.documentElement.scrollWidth);
      expect(signInWidth).toBeLessThanOrEqual(360);
      await anonymous.context().close();
      await page.context().close();
    }
    for (const lang of LANGS) {
      const page = await pageAs('customer', '/portal/', lang, { width: 390, height: 844 });
      await screenshot(page, `portal-list-390x844-${lang}`);
      await page.setViewportSize({ width: 1366, height: 768 });
      await screenshot(page, `portal-list-1366x768-${lang}`);
      await page.context().close();
    }
  }, 180_000);

  it('keeps the first screen of each entry within its JavaScript budget (gzip, from the network log)', async () => {
    const results: Record<string, number> = {};
    for (const [entry, who, budget, heading] of [['/portal/', 'customer', BUDGETS.portal, 'درخواست‌ها'], ['/', 'analyst', BUDGETS.workspace, 'باز من']] as const) {
      const page = await (await contextFor(desk.browser, desk.server.url, 'fa')).newPage();
      const scripts: Promise<Fetched>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(response.body().then((body) => ({ url: response.url(), body })));
      });
      await signInAs(page, entry, emails[who], 'fa');
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const measured = measure(await Promise.all(scripts), budget);
      results[entry] = measured.bytes;
      expect(measured.over, `${entry}: ${measured.bytes} B gzip > ${budget} B: ${JSON.stringify(measured.files)}`).toBe(false);
      await page.context().close();
    }
    console.log(`first-screen JavaScript (gzip): portal ${results['/portal/']} B, workspace ${results['/']} B`);
  }, 60_000);
});
