import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { renderWithProviders } from './render.tsx';
import { scriptedApi } from './scripted-api.ts';
import CalendarPage from '../src/admin/CalendarPage.tsx';

// The calendar page against a scripted server at the network boundary (fetch), as admin-forms.test.tsx.
const { routes, calls } = scriptedApi();

const calendar = (version: number) => ({
  id: 1, name: 'Tehran office hours', timeZone: 'Asia/Tehran', week: { sat: [['08:00', '16:00']], fri: [] }, dateHours: [], displayCalendar: 'jalali', officialHolidays: true,
  builtIn: 'tehran', holidays: [], version, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', abilities: { update: true, delete: false },
});

function renderCalendarPage(lang: 'fa' | 'en') {
  renderWithProviders(lang, <Routes><Route path="/admin/calendars/:id" element={<CalendarPage />} /></Routes>, { path: '/admin/calendars/1' });
}

describe('calendar page', () => {
  it('keeps the edited hours when the save is stale, re-reads the calendar and saves them at the fresh version', async () => {
    let version = 1;
    routes['GET /admin/calendars/1'] = () => ({ status: 200, body: calendar(version) });
    routes['GET /admin/calendars/1/month*'] = () => ({ status: 200, body: { calendarId: 1, version, calendar: 'gregorian', year: 2026, month: 12, weeks: [] } });
    routes['PATCH /admin/calendars/1'] = () => {
      version = 2; // another admin saved meanwhile
      return { status: 409, body: { code: 'record.stale', message: 'This record has changed since you loaded it; reload and try again.', details: {} } };
    };
    renderCalendarPage('en');
    const from = (await screen.findByLabelText('Saturday From')) as HTMLInputElement;
    fireEvent.change(from, { target: { value: '09:00' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save working hours' })));
    await screen.findByText('This record has changed since you loaded it; reload and try again.');
    await waitFor(() => expect(calls.filter((c) => c.key === 'GET /admin/calendars/1').length).toBeGreaterThanOrEqual(2));
    expect((screen.getByLabelText('Saturday From') as HTMLInputElement).value).toBe('09:00');

    routes['PATCH /admin/calendars/1'] = (body) => ({ status: 200, body: { ...calendar(3), week: (body as { week: unknown }).week } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save working hours' })));
    const saved = calls.filter((c) => c.key === 'PATCH /admin/calendars/1').at(-1)!.body as { version: number; week: Record<string, unknown> };
    expect(saved.version).toBe(2);
    expect(saved.week.sat).toEqual([['09:00', '16:00']]);
    expect(saved.week.fri).toEqual([]);
  });

  it('refuses malformed hours before sending them', async () => {
    routes['GET /admin/calendars/1'] = () => ({ status: 200, body: calendar(1) });
    routes['GET /admin/calendars/1/month*'] = () => ({ status: 200, body: { calendarId: 1, version: 1, calendar: 'jalali', year: 1405, month: 9, weeks: [] } });
    renderCalendarPage('fa');
    fireEvent.change(await screen.findByLabelText('شنبه از'), { target: { value: '17:00' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'ذخیرهٔ ساعت کاری' })));
    await screen.findByText(/ساعت‌ها به شکل/);
    expect(calls.some((c) => c.key === 'PATCH /admin/calendars/1')).toBe(false);
  });
});
