import { useState } from 'react';
import { Alert, Anchor, Button, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { ErrorAlert, LanguageSwitch } from '../shared/components.tsx';
import { useSignUpStrings } from './sign-up-strings.ts';

/** Portal self sign-up: name, email, password and language; then "check your email" (the answer is the same for every address). */
export default function SignUpPage() {
  useSignUpStrings();
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState({ name: '', email: '', password: '', repeat: '', language: i18n.language === 'en' ? 'en' : 'fa' });
  const short = draft.password !== '' && [...draft.password].length < PASSWORD_MIN_LENGTH;
  const mismatch = draft.repeat !== '' && draft.password !== draft.repeat;
  const send = useMutation({ mutationFn: () => api.post('/portal/sign-up', { name: draft.name.trim(), email: draft.email.trim(), password: draft.password, language: draft.language }) });
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <Paper component="main" maw={460} mx="auto" mt="xl" p="lg" withBorder>
      <Stack>
        <LanguageSwitch />
        <Title order={1} size="h3">{send.isSuccess ? t('signUp.sentTitle') : t('signUp.title')}</Title>
        {send.isSuccess ? (
          <Alert color="teal" role="status">{t('signUp.sentBody')}</Alert>
        ) : (
          <form onSubmit={(e) => { e.preventDefault(); if (!short && !mismatch && draft.password === draft.repeat) send.mutate(); }}>
            <Stack>
              <ErrorAlert error={send.error} />
              <TextInput label={t('signUp.name')} autoComplete="name" required value={draft.name} onChange={(e) => set('name')(e.currentTarget.value)} />
              <TextInput label={t('signUp.email')} type="email" dir="ltr" autoComplete="email" required value={draft.email} onChange={(e) => set('email')(e.currentTarget.value)} />
              <PasswordInput label={t('signUp.password')} autoComplete="new-password" required value={draft.password} error={short ? t('signUp.short') : undefined} onChange={(e) => set('password')(e.currentTarget.value)} />
              <PasswordInput label={t('signUp.repeat')} autoComplete="new-password" required value={draft.repeat} error={mismatch ? t('signUp.mismatch') : undefined} onChange={(e) => set('repeat')(e.currentTarget.value)} />
              <Stack gap={4}>
                <Text size="sm" fw={500}>{t('signUp.language')}</Text>
                <SegmentedControl value={draft.language} onChange={set('language')} data={[{ value: 'fa', label: t('common.languageFa') }, { value: 'en', label: t('common.languageEn') }]} />
              </Stack>
              <Button type="submit" loading={send.isPending}>{t('signUp.submit')}</Button>
            </Stack>
          </form>
        )}
        <Anchor component={Link} to="/">{t('signUp.backToSignIn')}</Anchor>
      </Stack>
    </Paper>
  );
}
