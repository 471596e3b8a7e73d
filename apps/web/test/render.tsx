import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { Providers } from '../src/shared/Providers.tsx';
import { PrefsProvider } from '../src/shared/prefs.tsx';
import { rememberLanguage } from '../src/shared/i18n.ts';

/**
 * Renders `ui` inside what the app wraps itself in (i18n and direction, Mantine, TanStack Query,
 * preferences) and a router at `path`, in `lang`. The language is remembered first because the
 * providers read it when they mount. A test that seeds the cache passes its own query client.
 */
export function renderWithProviders(lang: 'fa' | 'en', ui: ReactNode, options: { path?: string; client?: QueryClient } = {}) {
  rememberLanguage(lang);
  return render(
    <Providers client={options.client}>
      <PrefsProvider signedIn={false}>
        <MemoryRouter initialEntries={[options.path ?? '/']}>{ui}</MemoryRouter>
      </PrefsProvider>
    </Providers>,
  );
}
