import { lazy, Suspense, type ReactNode } from 'react';
import { Anchor, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession, useSessionActions } from '../shared/session.ts';
import { PrefsProvider } from '../shared/prefs.tsx';
import { SignInForm } from '../shared/SignInForm.tsx';
import { Shell } from './Shell.tsx';
import { QueuePage } from './QueuePage.tsx';
import { useLiveUpdates } from '../shared/live.ts';

const TicketView = lazy(() => import('./TicketView.tsx'));
const NewTicket = lazy(() => import('./NewTicket.tsx'));
const SearchPage = lazy(() => import('./SearchPage.tsx'));
const FindPage = lazy(() => import('./FindPage.tsx'));
const PreferencesPage = lazy(() => import('./PreferencesPage.tsx'));
const AdminRoutes = lazy(() => import('../admin/AdminRoutes.tsx'));
const SessionsPage = lazy(() => import('./account/SessionsPage.tsx'));
const TokensPage = lazy(() => import('./account/TokensPage.tsx'));
const PasswordPage = lazy(() => import('./account/PasswordPage.tsx'));
const LinkPasswordPage = lazy(() => import('./account/LinkPasswordPage.tsx'));
const TwoStepPage = lazy(() => import('./account/TwoStepPage.tsx'));

/** The pages the server's one-time links open (access/links.ts): shown signed in or not. */
const LINK_PAGES: Record<string, 'invitation' | 'reset'> = { '/invitation': 'invitation', '/reset-password': 'reset' };

export function AgentApp() {
  const { t } = useTranslation();
  const session = useSession();
  const { signOut } = useSessionActions();
  const linkPurpose = LINK_PAGES[useLocation().pathname];
  useLiveUpdates(!!session.data?.me);
  if (linkPurpose) {
    return (
      <PrefsProvider signedIn={false}>
        <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
          <LinkPasswordPage purpose={linkPurpose} />
        </Suspense>
      </PrefsProvider>
    );
  }
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
  // A one-time password (a new agent's, the first admin's) is changed before anything else; an admin
  // while `access.totp_required_for_admins` holds enrols a second factor next (the server opens only that).
  if (me.mustChangePassword) return <OnlyThis maw={520} onSignOut={signOut}><PasswordPage mustChange /></OnlyThis>;
  if (me.mustEnrolTotp) return <OnlyThis maw={680} onSignOut={signOut}><TwoStepPage mustEnrol /></OnlyThis>;
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
            <Route path="/find" element={<FindPage />} />
            <Route path="/preferences" element={<PreferencesPage />} />
            <Route path="/account/sessions" element={<SessionsPage />} />
            <Route path="/account/tokens" element={<TokensPage isAdmin={me.agent.roles.includes('admin')} />} />
            <Route path="/account/password" element={<PasswordPage mustChange={me.mustChangePassword} />} />
            <Route path="/account/two-step" element={<TwoStepPage />} />
            <Route path="/admin/*" element={<AdminRoutes />} />
            <Route path="*" element={<Text>{t('common.notFound')}</Text>} />
          </Routes>
        </Suspense>
      </Shell>
    </PrefsProvider>
  );
}

/** One page before anything else, with a way to sign out. */
function OnlyThis({ maw, onSignOut, children }: { maw: number; onSignOut(): Promise<void>; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <PrefsProvider signedIn>
      <Paper component="main" maw={maw} mx="auto" mt="xl" p="md">
        <Suspense fallback={<Loader aria-label={t('common.loading')} />}>{children}</Suspense>
        <Group mt="sm"><Button variant="subtle" onClick={() => void onSignOut()}>{t('agent.signOut')}</Button></Group>
      </Paper>
    </PrefsProvider>
  );
}
