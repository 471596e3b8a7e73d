import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders as renderIn } from './render.tsx';
import { scriptedApi } from './scripted-api.ts';
import AgentsPage from '../src/admin/AgentsPage.tsx';
import TemplatesPage from '../src/admin/TemplatesPage.tsx';
import TokensPage from '../src/agent/account/TokensPage.tsx';
import PasswordPage from '../src/agent/account/PasswordPage.tsx';
import { MailStatus } from '../src/agent/MailStatus.tsx';

// The forms against a scripted server at the network boundary (fetch): each test says what the
// API answers; the component under test is the real one.
const { routes, calls } = scriptedApi();

const typeInto = (label: string | RegExp, value: string, index = 0) => fireEvent.change(screen.getAllByLabelText(label)[index]!, { target: { value } });
const empty = { status: 200, body: { items: [], nextCursor: null } };

describe('admin and account forms', () => {
  it('keeps what was typed when creating an agent fails, and shows the API error in the user’s language', async () => {
    routes['GET /agents?limit=200'] = () => empty;
    routes['GET /groups?limit=200'] = () => empty;
    routes['POST /agents'] = (_body, headers) => ({ status: 409, body: { code: 'user.email_taken', message: headers['accept-language'] === 'fa' ? 'این ایمیل پیش‌تر ثبت شده است.' : 'That email is taken.', details: {} } });
    renderIn('fa', <AgentsPage />);
    typeInto(/^نام/, 'سارا');
    typeInto(/^ایمیل/, 'sara@desk.ir');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'ساختن' })));
    await screen.findByText('این ایمیل پیش‌تر ثبت شده است.');
    expect((screen.getAllByLabelText(/^نام/)[0] as HTMLInputElement).value).toBe('سارا');
    expect((screen.getAllByLabelText(/^ایمیل/)[0] as HTMLInputElement).value).toBe('sara@desk.ir');
    expect(calls.find((c) => c.key === 'POST /agents')!.body).toEqual({ email: 'sara@desk.ir', name: 'سارا', roles: ['analyst'], groupIds: [], locale: 'fa' });

    routes['POST /agents'] = (body) => ({ status: 201, body: { ...(body as object), id: 9, userId: 9, groupIds: [], active: true, createdAt: '', updatedAt: '', version: 1, abilities: {}, initialPassword: 'one-time-Pass-1234', linkedToExistingUser: false } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'ساختن' })));
    await waitFor(() => expect(screen.getByTestId('shown-once').textContent).toBe('one-time-Pass-1234'));
    expect((screen.getAllByLabelText(/^نام/)[0] as HTMLInputElement).value).toBe('');
  });

  it('shows a new API token once, sends the chosen scopes and revokes a token', async () => {
    let items: unknown[] = [];
    routes['GET /me/tokens'] = () => ({ status: 200, body: { items } });
    routes['POST /me/tokens'] = (body) => {
      const item = { id: 5, name: (body as { name: string }).name, scopes: (body as { scopes: string[] }).scopes, createdAt: '2026-12-01T10:00:00Z', expiresAt: null, lastUsedAt: null, lastUsedIp: null, revokedAt: null };
      items = [item];
      return { status: 201, body: { token: 'pk_secret_value', item } };
    };
    routes['DELETE /tokens/5'] = () => {
      items = [{ ...(items[0] as object), revokedAt: '2026-12-01T11:00:00Z' }];
      return { status: 204 };
    };
    renderIn('en', <TokensPage isAdmin={false} />);
    expect(screen.queryByLabelText('Admin')).toBeNull();
    typeInto(/^Name/, '  nightly report ');
    fireEvent.click(screen.getByLabelText('Write'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Create token' })));
    await waitFor(() => expect(screen.getByTestId('shown-once').textContent).toBe('pk_secret_value'));
    expect(calls.find((c) => c.key === 'POST /me/tokens')!.body).toEqual({ name: 'nightly report', scopes: ['read', 'write'], expiresInDays: 90 });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Revoke token nightly report' })));
    await screen.findByText('Revoked');
  });

  it('refuses a short or mistyped new password before asking the server', async () => {
    renderIn('en', <PasswordPage />);
    typeInto(/^Current password/, 'old-password-123');
    typeInto(/^New password \*?$/, 'short');
    typeInto(/^New password again/, 'short');
    await screen.findByText('At least 12 characters.');
    typeInto(/^New password \*?$/, 'long-enough-password');
    await screen.findByText('The two new passwords differ.');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Change password' })));
    expect(calls.filter((c) => c.key === 'PUT /me/password')).toEqual([]);
  });

  it('previews a template draft live, rendering the server’s text as text', async () => {
    const template = { kind: 'ticket.received', language: 'fa', subject: 'دریافت شد {{number}}', body: 'سلام {{name}}', custom: false, placeholders: ['number', 'name'], version: 0 };
    routes['GET /admin/notification-templates'] = () => ({ status: 200, body: { items: [template, { ...template, language: 'en', subject: 'Received {{number}}', body: 'Hello {{name}}' }] } });
    routes['POST /admin/notification-templates/preview'] = (body) => {
      const b = body as { body?: string };
      return { status: 200, body: { subject: 'دریافت شد #10001', text: (b.body ?? '').replace('{{name}}', '<b>علی</b>'), html: '' } };
    };
    renderIn('fa', <TemplatesPage />);
    await screen.findByDisplayValue('سلام {{name}}');
    fireEvent.change(screen.getByLabelText(/^متن/), { target: { value: 'درود {{name}}، درخواستت رسید' } });
    const preview = await screen.findByTestId('template-preview');
    await waitFor(() => expect(preview.textContent).toContain('درود <b>علی</b>، درخواستت رسید'), { timeout: 3000 });
    expect(preview.querySelector('b')).toBeNull();
    expect(calls.some((c) => c.key === 'POST /admin/notification-templates/preview' && (c.body as { body: string }).body === 'درود {{name}}، درخواستت رسید')).toBe(true);
  });

  it('badges an article whose mail failed, with the reason, and retries it', async () => {
    const failed = { id: 3, ticketId: 1, articleId: 7, purpose: 'reply', notificationKind: null, from: { address: 'support@localhost', name: null }, to: [], cc: [], bcc: [], subject: 's', messageId: 'm', status: 'failed', reason: 'relay_refused', lastError: '550 no', attempts: 6, createdAt: '2026-12-01T10:00:00Z', sentAt: null, abilities: { retry: true } };
    let status = 'failed';
    routes['GET /tickets/1/email/messages'] = () => ({ status: 200, body: { items: [{ ...failed, status }, { ...failed, id: 4, articleId: 8, status: 'sent' }] } });
    routes['POST /email/messages/3/retry'] = () => { status = 'queued'; return { status: 200, body: { ...failed, status } }; };
    renderIn('en', <><MailStatus ticketId={1} articleId={7} /><div data-testid="other"><MailStatus ticketId={1} articleId={8} /></div></>);
    const badge = await screen.findByTestId('mail-failure');
    expect(badge.textContent).toContain('Sending failed');
    expect(badge.textContent).toContain('The relay refused it.');
    expect(screen.getByTestId('other').textContent).toBe('');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send again' })));
    await waitFor(() => expect(screen.queryByTestId('mail-failure')).toBeNull());
  });
});
