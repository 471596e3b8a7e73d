import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route as RouterRoute, Routes } from 'react-router';
import { renderWithProviders } from './render.tsx';
import { scriptedApi, type Route } from './scripted-api.ts';
import ContractsPage from '../src/admin/ContractsPage.tsx';
import ContractPage from '../src/admin/ContractPage.tsx';

// The contracts page against a scripted server at the network boundary (fetch), as admin-forms.test.tsx.
const { routes, calls } = scriptedApi();

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

function renderIn(lang: 'fa' | 'en', path = '/admin/contracts') {
  renderWithProviders(
    lang,
    <Routes>
      <RouterRoute path="/admin/contracts" element={<ContractsPage />} />
      <RouterRoute path="/admin/contracts/:id" element={<ContractPage />} />
    </Routes>,
    { path },
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

  it('shows the penalty report of the chosen Jalali month: lines, amounts grouped in Persian digits, the cap applied', async () => {
    world(['manager'], { update: false, delete: false });
    routes['GET /admin/contracts/5'] = ok({ ...contract({ update: false, delete: false }), penalties: { ...contract({ update: false, delete: false }).penalties, cap: '1500000' } });
    const report = (period: string) => ({
      contractId: 5, period, from: '2021-05-21T19:30:00Z', to: '2021-06-20T19:30:00Z', breaches: 2, subtotal: '2300000', cap: '1500000', capped: true, total: '1500000',
      lines: [
        { ticketId: 10001, target: 'resolution', dueAt: '2021-06-01T06:00:00Z', metAt: null, delayMinutes: 1500, tier: 24, perBreach: '1000000', perHour: '100000', amount: '1250000' },
        { ticketId: 10002, target: 'first_response', dueAt: '2021-06-02T06:00:00Z', metAt: '2021-06-02T08:00:00Z', delayMinutes: 120, tier: null, perBreach: '500000', perHour: '100000', amount: '700000' },
      ],
    });
    routes['GET /admin/contracts/5/penalties?period=1400-03'] = ok(report('1400-03'));
    renderIn('fa', '/admin/contracts/5');
    await screen.findByRole('heading', { name: 'پشتیبانی طلایی' });
    // The current month is asked first; choosing Khordad 1400 asks for that one.
    await waitFor(() => expect(calls.some((c) => /^GET \/admin\/contracts\/5\/penalties\?period=\d{4}-\d{2}$/.test(c.key))).toBe(true));
    fireEvent.click(screen.getByRole('combobox', { name: 'سال' }));
    fireEvent.click(await screen.findByRole('option', { name: '۱۴۰۰', hidden: true }));
    fireEvent.click(screen.getByRole('combobox', { name: 'ماه شمسی' }));
    fireEvent.click(await screen.findByRole('option', { name: 'خرداد', hidden: true }));
    const total = await screen.findByTestId('penalty-total');
    expect(total.textContent).toBe('۱٬۵۰۰٬۰۰۰ ریال');
    expect(total.getAttribute('data-capped')).toBe('true');
    expect(screen.getByText('سقف اعمال شد')).toBeTruthy();
    expect(screen.getByText('۲٬۳۰۰٬۰۰۰ ریال')).toBeTruthy();
    const lines = screen.getByRole('table', { name: 'نقض‌ها' });
    expect(within(lines).getByText('۱٬۲۵۰٬۰۰۰')).toBeTruthy();
    expect(within(lines).getByText('هنوز برآورده نشده')).toBeTruthy();
    expect(within(lines).getByText('پایه')).toBeTruthy();
    expect(screen.getByText('از ۱ خرداد ۱۴۰۰ تا ۳۰ خرداد ۱۴۰۰')).toBeTruthy();
  });
});
