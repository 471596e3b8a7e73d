import { useState, type ReactNode } from 'react';
import { Anchor, Button, Divider, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SecondFactorRequired } from '@pishkhan/contracts';
import { api, ApiError } from './api.ts';
import { isChallenge, useSessionActions } from './session.ts';
import { ErrorAlert, LanguageSwitch } from './components.tsx';
import { normaliseCode, signInOptionsKey, type SsoOptions } from './sign-in-options.ts';

/** The first way in, the email and password of the desk, or a directory's id. */
type Way = 'password' | `directory:${number}`;

/**
 * Email and password, then — when the account has two-step verification — the authenticator's code
 * or a recovery code; the organisation's directories (LDAP) and identity providers (OIDC) when the
 * server offers them. What was typed stays in the form when a step fails.
 */
export function SignInForm({ heading, footer }: { heading: string; footer?: ReactNode }) {
  const { t } = useTranslation();
  const { signIn, signInWithDirectory } = useSessionActions();
  const options = useQuery({ queryKey: signInOptionsKey, queryFn: () => api.get<SsoOptions>('/sso/options'), staleTime: Infinity, retry: false });
  const [way, setWay] = useState<Way>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<SecondFactorRequired | null>(null);
  const directories = options.data?.directories ?? [];
  const providers = options.data?.oidcProviders ?? [];
  const directory = way === 'password' ? null : directories.find((d) => `directory:${d.id}` === way) ?? null;

  if (challenge) {
    return (
      <SignInFrame heading={heading}>
        <SecondFactorStep challenge={challenge} onRestart={(why) => { setChallenge(null); setPassword(''); setError(why); }} />
      </SignInFrame>
    );
  }
  return (
    <SignInFrame heading={heading}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          const attempt = directory
            ? signInWithDirectory(directory.id, { login: email.trim(), password })
            : signIn({ email: email.trim(), password }).then((answer) => { if (isChallenge(answer)) setChallenge(answer); });
          attempt.catch(setError).finally(() => setBusy(false));
        }}
      >
        <Stack>
          {directories.length > 0 && (
            <SegmentedControl
              aria-label={t('signIn.way')}
              value={way}
              onChange={(value) => { setWay(value as Way); setError(null); }}
              data={[{ value: 'password', label: t('signIn.wayPassword') }, ...directories.map((d) => ({ value: `directory:${d.id}`, label: d.name }))]}
            />
          )}
          <ErrorAlert error={error} />
          {directory ? (
            <TextInput label={t('signIn.login')} description={t('signIn.loginNote', { name: directory.name })} dir="ltr" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          ) : (
            <TextInput label={t('signIn.email')} type="email" dir="ltr" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          )}
          <PasswordInput label={t('signIn.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            {t('signIn.submit')}
          </Button>
          {footer}
        </Stack>
      </form>
      {providers.length > 0 && (
        <Stack gap="xs" mt="md">
          <Divider label={t('signIn.orWith')} labelPosition="center" />
          {providers.map((p) => (
            // A full navigation: the server redirects to the provider and, after the callback, back here.
            <Button key={p.id} component="a" variant="default" href={`${p.startUrl}?returnTo=${encodeURIComponent(returnPath())}`}>
              {t('signIn.withProvider', { name: p.name })}
            </Button>
          ))}
        </Stack>
      )}
    </SignInFrame>
  );
}

function returnPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

function SignInFrame({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <Paper component="main" maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <Stack>
        <Title order={1} size="h3">
          {heading}
        </Title>
        <LanguageSwitch />
        <div>{children}</div>
      </Stack>
    </Paper>
  );
}

/** The second step: a 6-digit code, or (toggled) a recovery code; an expired challenge starts over. */
function SecondFactorStep({ challenge, onRestart }: { challenge: SecondFactorRequired; onRestart(why: unknown): void }) {
  const { t } = useTranslation();
  const { completeSecondFactor } = useSessionActions();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        completeSecondFactor({ challenge: challenge.challenge, code: normaliseCode(code, recovery) })
          .catch((e: unknown) => {
            if (e instanceof ApiError && (e.code === 'auth.second_factor_expired' || e.code === 'auth.account_locked')) onRestart(e);
            else setError(e);
          })
          .finally(() => setBusy(false));
      }}
    >
      <Stack>
        <Title order={2} size="h4">{t('signIn.secondStep')}</Title>
        <Text size="sm">{recovery ? t('signIn.recoveryNote') : t('signIn.codeNote')}</Text>
        <ErrorAlert error={error} />
        {recovery ? (
          <TextInput key="recovery" label={t('signIn.recoveryCode')} dir="ltr" autoComplete="off" required autoFocus value={code} onChange={(e) => setCode(e.currentTarget.value)} />
        ) : (
          <TextInput key="code" label={t('signIn.code')} dir="ltr" inputMode="numeric" autoComplete="one-time-code" maxLength={10} required autoFocus value={code} onChange={(e) => setCode(e.currentTarget.value)} />
        )}
        <Button type="submit" loading={busy}>{t('signIn.verify')}</Button>
        <Anchor component="button" type="button" size="sm" onClick={() => { setRecovery(!recovery); setCode(''); setError(null); }}>
          {recovery ? t('signIn.useCode') : t('signIn.useRecovery')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={() => onRestart(null)}>{t('signIn.startOver')}</Anchor>
      </Stack>
    </form>
  );
}
