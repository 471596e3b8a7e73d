import { Fragment } from 'react';
import { Alert, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SearchPage, SearchType, Snippet } from '@pishkhan/contracts';
import { api, ApiError, query } from './api.ts';
import { ErrorAlert } from './components.tsx';
import { formatNumber } from './format.ts';
import { highlightSegments } from './highlight.ts';
import { usePrefs } from './prefs.tsx';

/**
 * Text from outside with the matched words in <mark>, built as React elements from the ranges:
 * the text is never parsed as markup, so a title or snippet holding tags shows them as text.
 */
export function Highlighted({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  return (
    <bdi>
      {highlightSegments(text, ranges).map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}
    </bdi>
  );
}

/** A hit's snippet under its title; an agent's note-taken snippet says so. */
export function HitSnippet({ snippet }: { snippet: Snippet | null }) {
  const { t } = useTranslation();
  if (!snippet || snippet.field === 'title') return null;
  return (
    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-snippet={snippet.field}>
      {snippet.field === 'internal' && <>{t('find.internal')}: </>}
      <Highlighted text={snippet.text} ranges={snippet.highlights} />
    </Text>
  );
}

/** One kind of hit for a query (GET /api/v1/search), paged by cursor; idle for an empty query. */
export function useSearchHits(q: string, type: SearchType, limit: number) {
  return useInfiniteQuery({
    queryKey: ['search', type, q, limit],
    queryFn: ({ pageParam }) => api.get<SearchPage>(`/search${query({ q, type, limit, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q.trim() !== '',
    // A query the language cannot read stays unreadable: no retry.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });
}

/** "12", or "20+" when more pages wait, in the user's digits. */
export function useHitCount() {
  const { t } = useTranslation();
  const prefs = usePrefs();
  return (count: number, more: boolean) => (more ? t('find.more', { n: formatNumber(count, prefs) }) : formatNumber(count, prefs));
}

/** The server's parse reasons (modules/search query-language.ts, compile-query.ts) → find.reason keys. */
const REASONS: [RegExp, string][] = [
  [/^a quote is not closed$/, 'unclosedQuote'],
  [/^a minus must stand/, 'loneMinus'],
  [/^a second minus$/, 'secondMinus'],
  [/must end before a space$/, 'phraseEnd'],
  [/^an empty phrase$/, 'emptyPhrase'],
  [/^a quote inside/, 'quoteInside'],
  [/^a star may only end/, 'starEnd'],
  [/^a star needs/, 'starAlone'],
  [/: needs a value$/, 'needsValue'],
  [/: (takes|is a field)/, 'badValue'],
  [/^more than \d+ items$/, 'tooMany'],
];

export function reasonKey(reason: unknown): string {
  const text = typeof reason === 'string' ? reason : '';
  return REASONS.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
}

/**
 * A failed search: a query the language cannot read (400 search.bad_query) is shown in the user's
 * language with the query itself, the character at the server's position marked; anything else as usual.
 */
export function SearchError({ error, q }: { error: unknown; q: string }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  if (!(error instanceof ApiError) || error.code !== 'search.bad_query') return <ErrorAlert error={error} />;
  const raw = Number(error.details.position);
  const position = Number.isInteger(raw) ? Math.min(Math.max(raw, 0), q.length) : q.length;
  // Past the end (a quote opened at the end, say): a marked space after the query shows where.
  const shown = position < q.length ? q : `${q} `;
  return (
    <Alert color="red" role="alert" title={t('find.badQuery')} data-position={position}>
      <Text size="sm">{t('find.badQueryAt', { position: formatNumber(position + 1, prefs), reason: t(`find.reason.${reasonKey(error.details.reason)}`) })}</Text>
      <Text size="sm" ff="monospace" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        <Highlighted text={shown} ranges={[[position, position + 1]]} />
      </Text>
    </Alert>
  );
}
