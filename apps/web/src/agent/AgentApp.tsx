import { lazy, Suspense } from 'react';
import { Anchor, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session.ts';
import { PrefsProvider } from '../shared/prefs.tsx';
import { SignInForm } from '../shared/SignInForm.tsx';
import { Shell } from './Shell.tsx';
import { QueuePage } from './QueuePage.tsx';
import { useLiveUpdates } from '../shared/live.ts';

const TicketView = lazy(() => import('./TicketView.tsx'));
const NewTicket = lazy(() => import('./NewTicket.tsx'));
const SearchPage = lazy(() => import('./SearchPage.tsx'));
const PreferencesPage = lazy(() => import('./PreferencesPage.tsx'));
const AdminRoutes = lazy(() => import('../admin/AdminRoutes.tsx'));

export function AgentApp() {
  const { t } = useTranslation();
  const session = useSession();
  useLiveUpdates(!!session.data?.me);
  if (session.isPending) return <Center h="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  const me = session.data?.me;
  if (!me) {
    return (
      <PrefsProvider signedIn={false}>
        <SignInForm heading={t('signIn.agentHeading')} />
      </PrefsProvider>
    );
  }
  if (!me.agent) {
    return (
      <PrefsProvider signedIn>
        <Paper component="main" maw={420} mx="auto" mt="xl" p="lg" withBorder>
          <Stack>
            <Text>{t('agent.notAnAgent')}</Text>
            <Anchor href="/portal/">{t('agent.goToPortal')}</Anchor>
          </Stack>
        </Paper>
      </PrefsProvider>
    );
  }
  return (
    <PrefsProvider signedIn>
      <Shell me={me}>
        <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
          <Routes>
            <Route path="/" element={<QueuePage />} />
            <Route path="/queues/:name" element={<QueuePage />} />
            <Route path="/tickets/:id" element={<TicketView />} />
            <Route path="/new" element={<NewTicket />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/preferences" element={<PreferencesPage />} />
            <Route path="/admin/*" element={<AdminRoutes />} />
            <Route path="*" element={<Text>{t('common.notFound')}</Text>} />
          </Routes>
        </Suspense>
      </Shell>
    </PrefsProvider>
  );
}
