import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { renderWithProviders as renderIn } from './render.tsx';
import { QueueCount } from '../src/agent/QueueCount.tsx';

afterEach(() => cleanup());

const shown = () => document.querySelector('span[title]')!;

describe('sidebar queue count', () => {
  it('shows an exact count as it is, in Latin digits in en and Persian digits in fa', () => {
    renderIn('en', <QueueCount count={42} capped={false} />);
    expect(shown().textContent).toBe('42');
    expect(shown().getAttribute('title')).toBe('42 tickets');
    cleanup();
    renderIn('fa', <QueueCount count={42} capped={false} />);
    expect(shown().textContent).toBe('۴۲');
    expect(shown().getAttribute('title')).toBe('۴۲ درخواست');
  });

  it('shows a capped count as "1,000+" with a title saying it is at least that many', () => {
    renderIn('en', <QueueCount count={1000} capped />);
    expect(shown().textContent).toBe('1,000+');
    expect(shown().getAttribute('title')).toBe('At least 1,000 tickets');
    cleanup();
    // fa: Persian digits and separator; the plus follows the number in logical order, so in the
    // RTL sidebar it is drawn on the number's left, where a Persian reader meets it last.
    renderIn('fa', <QueueCount count={1000} capped />);
    expect(document.documentElement.dir).toBe('rtl');
    expect(shown().textContent).toBe('۱٬۰۰۰+');
    expect(shown().getAttribute('title')).toBe('دست‌کم ۱٬۰۰۰ درخواست');
    expect(shown().getAttribute('title')).not.toMatch(/[A-Za-z]/);
  });
});
