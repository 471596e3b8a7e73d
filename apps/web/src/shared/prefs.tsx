import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDirection, useMantineColorScheme } from '@mantine/core';
import type { Preferences, PreferencesBody } from '@pishkhan/contracts';
import { api } from './api.ts';
import { DEFAULT_PREFS, type DisplayPrefs } from './format.ts';
import { directionOf, rememberLanguage, storedLanguage, type Lang } from './i18n.ts';

interface PrefsValue extends DisplayPrefs {
  theme: 'light' | 'dark';
  /** Saves for a signed-in user; changes only the language (kept in the browser) when signed out. */
  update(change: Omit<PreferencesBody, 'version'>): void;
}

const PrefsContext = createContext<PrefsValue>({ ...DEFAULT_PREFS, theme: 'light', update: () => undefined });
const KEY = ['me', 'preferences'] as const;

/** The user's preferences from GET /me/preferences, applied: language, direction, theme. */
export function PrefsProvider({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const { setColorScheme } = useMantineColorScheme();
  const client = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: () => api.get<Preferences>('/me/preferences'), enabled: signedIn, staleTime: Infinity });
  const save = useMutation({
    mutationFn: (body: PreferencesBody) => api.put<Preferences>('/me/preferences', body),
    onSuccess: (saved) => client.setQueryData(KEY, saved),
  });
  // Until the user first saves (version 0) the language chosen in this browser (sign-in screen) holds.
  const saved = signedIn && query.data && query.data.version > 0 ? query.data : undefined;
  const language: Lang = saved?.language ?? storedLanguage();

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    setDirection(directionOf(language));
    rememberLanguage(language);
  }, [language, i18n, setDirection]);
  useEffect(() => setColorScheme(saved?.theme ?? 'light'), [saved?.theme, setColorScheme]);

  const value = useMemo<PrefsValue>(
    () => ({
      language,
      calendar: saved?.calendar ?? (language === 'fa' ? 'jalali' : 'gregorian'),
      digits: saved?.digits ?? (language === 'fa' ? 'persian' : 'latin'),
      timeZone: saved?.timeZone ?? DEFAULT_PREFS.timeZone,
      theme: saved?.theme ?? 'light',
      update(change) {
        if (change.language) rememberLanguage(change.language);
        if (signedIn && query.data) save.mutate({ language, ...change, version: query.data.version });
        else if (change.language) {
          rememberLanguage(change.language);
          void i18n.changeLanguage(change.language);
          setDirection(directionOf(change.language));
        }
      },
    }),
    [language, saved, signedIn, query.data, save, i18n, setDirection],
  );
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): PrefsValue {
  return useContext(PrefsContext);
}
