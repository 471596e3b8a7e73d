import { useState, type ReactNode } from 'react';
import { DirectionProvider, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { createI18n, directionOf, storedLanguage } from './i18n.ts';
import '@mantine/core/styles.css';
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import './app.css';

const theme = createTheme({
  fontFamily: 'Vazirmatn, system-ui, sans-serif',
  headings: { fontFamily: 'Vazirmatn, system-ui, sans-serif' },
  primaryColor: 'teal',
  defaultRadius: 'md',
});

/** What both entries wrap themselves in: i18n, direction (RTL for fa), Mantine, TanStack Query. */
export function Providers({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [i18n] = useState(() => createI18n());
  const [queryClient] = useState(() => client ?? new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } }));
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={directionOf(storedLanguage())} detectDirection={false}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
