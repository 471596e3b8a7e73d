import { useState } from 'react';
import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionResponse } from '@pishkhan/contracts';
import { api, rememberSession } from '../shared/api.ts';
import { tokenFromHash } from '../shared/link-token.ts';
import { ErrorAlert, LanguageSwitch } from '../shared/components.tsx';
import { SESSION_KEY } from '../shared/session.ts';
import { useSignUpStrings } from './sign-up-strings.ts';


/**
 * The sign-up link's page: a button sends the token (a POST — mail scanners open links but press
 * no buttons); the answer is a session, and the customer lands on their requests, signed in.
 */
export default function VerifySignUpPage() {
  useSignUpStrings();
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const verify = useMutation({
    mutationFn: () => api.post<SessionResponse>('/portal/sign-up/verify', { token }),
    onSuccess: (session) => {
      rememberSession(session);
      client.setQueryData(SESSION_KEY, session);
      void navigate('/', { replace: true });
    },
  });
  return (
    <Paper component="main" maw={460} mx="auto" mt="xl" p="lg" withBorder>
      <Stack>
        <LanguageSwitch />
        <Title order={1} size="h3">{t('signUp.verifyTitle')}</Title>
        {token ? (
          <>
            <Text>{t('signUp.verifyBody')}</Text>
            <ErrorAlert error={verify.error} />
            <Button onClick={() => verify.mutate()} loading={verify.isPending}>{t('signUp.verify')}</Button>
          </>
        ) : (
          <Alert color="orange" role="alert">{t('signUp.linkMissing')}</Alert>
        )}
        <Anchor component={Link} to="/">{t('signUp.backToSignIn')}</Anchor>
      </Stack>
    </Paper>
  );
}
