import { useState, type ReactNode } from 'react';
import { Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from './session.ts';
import { ErrorAlert, LanguageSwitch } from './components.tsx';

/** Email and password; what was typed stays in the form when sign-in fails. */
export function SignInForm({ heading, footer }: { heading: string; footer?: ReactNode }) {
  const { t } = useTranslation();
  const { signIn } = useSessionActions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Paper component="main" maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          signIn({ email: email.trim(), password })
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        <Stack>
          <Title order={1} size="h3">
            {heading}
          </Title>
          <LanguageSwitch />
          <ErrorAlert error={error} />
          <TextInput label={t('signIn.email')} type="email" dir="ltr" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t('signIn.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            {t('signIn.submit')}
          </Button>
          {footer}
        </Stack>
      </form>
    </Paper>
  );
}
