import { lazy, Suspense } from 'react';
import { ActionIcon, Anchor, Box, Center, Container, Group, Loader, Text, Title } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { PortalConfig } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { useSession, useSessionActions } from '../shared/session.ts';
import { PrefsProvider } from '../shared/prefs.tsx';
import { SignInForm } from '../shared/SignInForm.tsx';
import { LanguageSwitch } from '../shared/components.tsx';
import { MyRequests } from './MyRequests.tsx';
import { useLiveUpdates } from '../shared/live.ts';

const NewRequest = lazy(() => import('./NewRequest.tsx'));
const SignUpPage = lazy(() => import('./SignUpPage.tsx'));
const VerifySignUpPage = lazy(() => import('./VerifySignUpPage.tsx'));
const RequestView = lazy(() => import('./RequestView.tsx'));

/** The customer portal: sign in, my requests (and my organisation's when it shares), submit, follow. */
export function PortalApp() {
  const { t } = useTranslation();
  const session = useSession();
  useLiveUpdates(!!session.data?.me);
  const { signOut } = useSessionActions();
  if (session.isPending) return <Center h="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  const me = session.data?.me;
  if (!me) {
    return (
      <PrefsProvider signedIn={false}>
        <Box p="sm">
          <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
            <Routes>
              <Route path="/sign-up" element={<SignUpPage />} />
              <Route path="/sign-up/verify" element={<VerifySignUpPage />} />
              <Route path="*" element={<SignInForm heading={t('signIn.portalHeading')} footer={<SignUpLink />} />} />
            </Routes>
          </Suspense>
        </Box>
      </PrefsProvider>
    );
  }
  return (
    <PrefsProvider signedIn>
      <Box component="header" p="sm" style={{ borderBlockEnd: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={1} size="h4"><Anchor component={Link} to="/" c="inherit" underline="never">{t('portal.name')}</Anchor></Title>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <ActionIcon variant="subtle" onClick={() => void signOut()} aria-label={t('agent.signOut')}><IconLogout size={18} aria-hidden className="mirror-in-rtl" /></ActionIcon>
          </Group>
        </Group>
      </Box>
      <Container component="main" size="md" p="sm">
        {!me.contact ? (
          <Text>{t('portal.notAContact')}</Text>
        ) : (
          <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
            <Routes>
              <Route path="/" element={<MyRequests />} />
              <Route path="/new" element={<NewRequest />} />
              <Route path="/requests/:id" element={<RequestView />} />
              <Route path="*" element={<Text>{t('common.notFound')}</Text>} />
            </Routes>
          </Suspense>
        )}
      </Container>
    </PrefsProvider>
  );
}

/** "Create an account", only when the desk lets customers sign themselves up (access.portal_sign_up). */
function SignUpLink() {
  const { t } = useTranslation();
  const config = useQuery({ queryKey: ['portal-config'], queryFn: () => api.get<PortalConfig>('/portal/config'), staleTime: 60_000 });
  if (!config.data?.signUp) return null;
  return <Anchor component={Link} to="/sign-up">{t('signIn.signUpLink')}</Anchor>;
}
