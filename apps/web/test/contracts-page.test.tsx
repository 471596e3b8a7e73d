import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Providers } from '../src/shared/Providers.tsx';
import { PrefsProvider } from '../src/shared/prefs.tsx';
import { rememberLanguage } from '../src/shared/i18n.ts';
import ContractsPage from '../src/admin/ContractsPage.tsx';

/** The contracts page against a scripted server at the network boundary (fetch), as admin-forms.test.tsx. */
type Answer = { status: number; body?: unknown };
type Route = (body: unknown, headers: Record<string, string>) => Answer;
let routes: Record<string, Route> = {};
let calls: { key: string; body: unknown }[] = [];

beforeEach(() => {
  routes = {};
  calls = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const key = `${init.method} ${url.replace('/api/v1', '')}`;
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ key, body });
    const route = routes[key];
    const answer = route ? route(body, init.headers as Record<string, string>) : { status: 404, body: { code: 'record.not_found', message: 'not found', details: {} } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ok = (body: unknown): Route => () => ({ status: 200, body });
/** 1400-01-01 … 1400-12-29: long past, so expired whatever today is. */
const contract = (abilities: { update: boolean; delete: boolean }) => ({
  id: 5, organizationId: 7, name: 'پشتیبانی طلایی', startsOn: '2021-03-21', endsOn: '2022-03-20', startsOnJalali: { year: 1400, month: 1, day: 1 }, endsOnJalali: { year: 1400, month: 12, day: 29 },
  active: false, policyId: 3, accountManagerId: 11, rules: [],
  penalties: { perBreach: '500000', perHour: '100000', tierBasis: 'delay_hours', tiers: [{ from: 24, perBreach: '1000000', perHour: '100000' }], cap: null, capPeriod: 'jalali_month' },
  version: 2, createdAt: '2021-03-01T00:00:00Z', updatedAt: '2021-03-01T00:00:00Z', abilities,
});

function world(roles: string[], abilities: { update: boolean; delete: boolean }) {
  routes['GET /session'] = ok({ me: { id: 1, name: 'x', email: 'x@desk.ir', agent: { id: 1, roles } }, csrfToken: 't' });
  routes['GET /admin/contracts'] = ok({ items: [contract(abilities)] });
  routes['GET /organizations?limit=200'] = ok({ items: [{ id: 7, name: 'فن‌آوران', active: true }], nextCursor: null });
  routes['GET /admin/sla/policies'] = ok({ items: [{ id: 3, name: 'طلایی' }] });
  routes['GET /agents?limit=200'] = ok({ items: [{ id: 11, name: 'مینا حساب', active: true, roles: ['crm'] }], nextCursor: null });
}

function renderIn(lang: 'fa' | 'en') {
  rememberLanguage(lang);
  render(
    <Providers>
      <PrefsProvider signedIn={false}>
        <MemoryRouter initialEntries={['/admin/contracts']}><ContractsPage /></MemoryRouter>
      </PrefsProvider>
    </Providers>,
  );
}

describe('contracts page', () => {
  it('shows a manager the list (Jalali period, status, policy, account manager) with the penalty report link and nothing to edit', async () => {
    world(['manager'], { update: false, delete: false });
    renderIn('fa');
    const table = await screen.findByRole('table', { name: 'قراردادها' });
    await within(table).findByText('فن‌آوران');
    expect(within(table).getByTestId('contract-period').textContent).toBe('۱ فروردین ۱۴۰۰ تا ۲۹ اسفند ۱۴۰۰');
    expect(within(table).getByText('پایان‌یافته')).toBeTruthy();
    expect(within(table).getByText('طلایی')).toBeTruthy();
    expect(within(table).getByText('مینا حساب')).toBeTruthy();
    expect(within(table).getByRole('link', { name: 'گزارش جریمهٔ پشتیبانی طلایی' }).getAttribute('href')).toBe('/admin/contracts/5');
    expect(screen.queryByRole('button', { name: 'ویرایش پشتیبانی طلایی' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'قرارداد تازه' })).toBeNull();
  });

  it('shows the server’s refusal of an edit in the user’s language and keeps the dialog; deletes at the version read', async () => {
    world(['admin'], { update: true, delete: true });
    routes['PATCH /admin/contracts/5'] = (_b, headers) => ({ status: 422, body: { code: 'contract.period_invalid', message: headers['accept-language'] === 'en' ? "The contract's period cannot end before it starts." : 'x', details: {} } });
    routes['DELETE /admin/contracts/5?version=2'] = () => ({ status: 204 });
    renderIn('en');
    const edit = await screen.findByRole('button', { name: 'Edit پشتیبانی طلایی' });
    await act(async () => fireEvent.click(edit));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText(/^Per breach$/) as HTMLInputElement).value).toBe('500000');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Save' })));
    await within(dialog).findByText("The contract's period cannot end before it starts.");
    expect(calls.find((c) => c.key === 'PATCH /admin/contracts/5')!.body).toMatchObject({ version: 2, startsOn: '2021-03-21', endsOn: '2022-03-20', accountManagerId: 11, penalties: { tiers: [{ from: 24, perBreach: '1000000', perHour: '100000' }] } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Delete contract' })));
    await waitFor(() => expect(calls.some((c) => c.key === 'DELETE /admin/contracts/5?version=2')).toBe(true));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
