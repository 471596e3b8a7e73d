import { describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber, localDigits, relativeTime, type DisplayPrefs } from './format.ts';

const fa: DisplayPrefs = { language: 'fa', calendar: 'jalali', digits: 'persian', timeZone: 'Asia/Tehran' };
const en: DisplayPrefs = { language: 'en', calendar: 'gregorian', digits: 'latin', timeZone: 'Asia/Tehran' };

describe('formats', () => {
  it('writes relative times in both languages', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(relativeTime('2026-12-02T09:55:00Z', now, fa)).toBe('۵ دقیقه پیش');
    expect(relativeTime('2026-12-02T09:55:00Z', now, en)).toBe('5 minutes ago');
    expect(relativeTime('2026-12-01T10:00:00Z', now, en)).toBe('yesterday');
  });

  it('writes dates in the user’s calendar, zone and digits', () => {
    // 2026-03-20T21:00Z is 1 Farvardin 1405, 00:30 in Tehran.
    expect(formatDateTime('2026-03-20T21:00:00Z', fa)).toBe('۱ فروردین ۱۴۰۵، ۰۰:۳۰');
    expect(formatDateTime('2026-03-20T21:00:00Z', en)).toBe('21 March 2026, 00:30');
    expect(formatDateTime('2026-03-20T21:00:00Z', { ...fa, digits: 'latin' }, false)).toBe('1 فروردین 1405');
  });

  it('turns digits of numbers and labels into the user’s digits', () => {
    expect(formatNumber(10001, fa)).toBe('۱۰۰۰۱');
    expect(localDigits('#10001', fa)).toBe('#۱۰۰۰۱');
    expect(localDigits('#۱۰۰۰۱', en)).toBe('#10001');
  });
});
