import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import type { ReactNode } from 'react';
import { renderWithProviders } from './render.tsx';
import { ApiError } from '../src/shared/api.ts';
import { useFindStrings } from '../src/shared/find-strings.ts';
import { Highlighted, HitSnippet, reasonKey, SearchError } from '../src/shared/SearchHits.tsx';

function WithStrings({ children }: { children: ReactNode }) {
  useFindStrings();
  return <>{children}</>;
}

function renderIn(lang: 'fa' | 'en', ui: ReactNode) {
  return renderWithProviders(lang, <WithStrings>{ui}</WithStrings>);
}

const marks = (root: Element) => Array.from(root.querySelectorAll('mark')).map((m) => m.textContent);

afterEach(() => cleanup());

describe('search hits', () => {
  it('marks the ranges as <mark> elements, at the ends and adjacent ones as one', () => {
    const { container } = renderIn('en', <Highlighted text="keyboard broken keyboard" ranges={[[0, 8], [16, 20], [20, 24]]} />);
    expect(marks(container)).toEqual(['keyboard', 'keyboard']);
    expect(container.querySelector('bdi')!.textContent).toBe('keyboard broken keyboard');
  });

  it('keeps Persian with ZWNJ and an emoji whole inside marks', () => {
    const text = 'کیبورد 😀 نمی‌شود';
    const { container } = renderIn('fa', <Highlighted text={text} ranges={[[0, 6], [8, 9], [text.indexOf('نمی'), text.length]]} />);
    expect(marks(container)).toEqual(['کیبورد', '😀', 'نمی‌شود']);
  });

  it('renders markup in a title or snippet as text, never as elements', () => {
    const payload = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    const { container } = renderIn('en', (
      <>
        <Highlighted text={payload} ranges={[[0, 4]]} />
        <HitSnippet snippet={{ field: 'body', text: payload, highlights: [[5, 10]] }} />
      </>
    ));
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.textContent).toContain(payload);
    expect(marks(container)).toEqual(['<img', 'src=x']);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('says when a snippet comes from an internal note', () => {
    const { container } = renderIn('fa', <HitSnippet snippet={{ field: 'internal', text: 'فقط داخلی', highlights: [[0, 3]] }} />);
    expect(container.textContent).toContain('یادداشت داخلی');
  });

  it('shows a bad query in the user’s language with its position marked, Persian digits in fa', () => {
    const error = new ApiError(400, 'search.bad_query', 'The search query cannot be read (at character 4): a quote is not closed', { position: 4, reason: 'a quote is not closed' });
    const fa = renderIn('fa', <SearchError error={error} q={'vpn "unclosed'} />);
    const alert = fa.getByRole('alert');
    expect(alert.textContent).toContain('گیومه بسته نشده است');
    expect(alert.textContent).toContain('۵');
    expect(marks(alert)).toEqual(['"']);
    cleanup();
    const en = renderIn('en', <SearchError error={error} q={'vpn "unclosed'} />);
    expect(en.getByRole('alert').textContent).toContain('At character 5: a quote is not closed');
  });

  it('marks a space after the query when the position is at its end', () => {
    const error = new ApiError(400, 'search.bad_query', '', { position: 3, reason: 'a minus must stand right before a word, phrase or field' });
    const { getByRole } = renderIn('en', <SearchError error={error} q="ab-" />);
    expect(marks(getByRole('alert'))).toEqual([' ']);
  });

  it('maps the server’s reasons to strings, unknown ones to a general one', () => {
    expect(reasonKey('status: takes one of open, closed')).toBe('badValue');
    expect(reasonKey('tag: needs a value')).toBe('needsValue');
    expect(reasonKey('more than 50 items')).toBe('tooMany');
    expect(reasonKey('something new')).toBe('other');
    expect(reasonKey(undefined)).toBe('other');
  });
});
