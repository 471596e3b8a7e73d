import { useState, type ReactNode } from 'react';
import { DirectionProvider, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
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
  // Shades dark enough for white text and for text on light backgrounds (axe: colour contrast ≥ 4.5).
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'md',
});

/** Mantine's dimmed grey (gray.6) is below 4.5:1 on white; ours is gray.7. */
const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7]!, '--mantine-primary-color-light-color': t.colors.blue[9]! },
  dark: { '--mantine-color-dimmed': t.colors.dark[1]! },
});

/** What both entries wrap themselves in: i18n, direction (RTL for fa), Mantine, TanStack Query. */
export function Providers({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [i18n] = useState(() => createI18n());
  const [queryClient] = useState(() => client ?? new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } }));
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={directionOf(storedLanguage())} detectDirection={false}>
        <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariables}>
          <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
