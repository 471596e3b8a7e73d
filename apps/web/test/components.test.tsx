import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import type { Article } from '@pishkhan/contracts';
import { MonthView } from '../src/shared/calendar/MonthView.tsx';
import { Timeline } from '../src/agent/Timeline.tsx';
import { renderWithProviders as renderIn } from './render.tsx';

afterEach(() => cleanup());

const article = (over: Partial<Article>): Article => ({
  id: 1, ticketId: 1, kind: 'reply', internal: false, channel: 'portal', author: { userId: 1, name: 'Ali', kind: 'contact' }, body: 'hello', eventType: null, eventData: null, eventText: null, attachments: [], originalTicketId: null, createdAt: '2026-12-02T10:00:00Z', ...over,
});

describe('components', () => {
  it('sets <html dir lang> from the language: rtl for fa, ltr for en', () => {
    renderIn('fa', <span />);
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('fa');
    cleanup();
    renderIn('en', <span />);
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.documentElement.lang).toBe('en');
  });

  it('shows a Saturday-first month with Persian digits in fa and Latin digits in en', () => {
    renderIn('fa', <MonthView initialDay={20_787} />);
    const headers = Array.from(document.querySelectorAll('[data-weekday]')).map((h) => h.textContent);
    expect(headers[0]).toBe('ش');
    expect(headers[6]).toBe('ج');
    expect(Array.from(document.querySelectorAll('[data-day]')).some((c) => c.textContent === '۱')).toBe(true);
    cleanup();
    renderIn('en', <MonthView initialDay={20_787} />);
    expect(document.querySelector('[data-weekday]')!.textContent).toBe('Sa');
    expect(Array.from(document.querySelectorAll('[data-day]')).some((c) => c.textContent === '1')).toBe(true);
  });

  it('marks internal notes unmistakably and renders bodies and names as text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    await act(async () => {
      renderIn('en', <Timeline articles={[article({ id: 1, body: payload, author: { userId: 1, name: payload, kind: 'contact' } }), article({ id: 2, kind: 'note', internal: true, body: 'note body' })]} />);
    });
    const items = screen.getAllByRole('listitem');
    expect(items[0]!.textContent).toContain(payload);
    expect(items[0]!.querySelector('img, script')).toBeNull();
    expect(items[1]!.getAttribute('data-kind')).toBe('note');
    expect(items[1]!.className).toContain('timeline-note');
    expect(items[1]!.textContent).toContain('Internal note');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
