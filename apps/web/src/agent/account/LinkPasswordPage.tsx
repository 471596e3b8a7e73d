import { useState } from 'react';
import { Alert, Anchor, Paper, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { tokenFromHash } from '../../shared/link-token.ts';
import { LanguageSwitch } from '../../shared/components.tsx';
import { FormActions } from '../../admin/admin-kit.tsx';
import { useAdminStrings } from '../../admin/strings.ts';
import { passwordProblem } from './password-rules.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';

export type LinkPurpose = 'invitation' | 'reset';
const ENDPOINT: Record<LinkPurpose, string> = { invitation: '/invitations/accept', reset: '/password-reset/complete' };


/**
 * Accept an invitation or use a reset link: choose a password, sent with the link's token by a
 * button (a POST — mail scanners open links but press no buttons). Then sign in, as agent or customer.
 */
export default function LinkPasswordPage({ purpose }: { purpose: LinkPurpose }) {
  useAdminStrings();
  const { t } = useTranslation();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [draft, setDraft] = useState({ next: '', repeat: '' });
  const problem = passwordProblem(draft.next, draft.repeat);
  const use = useMutation({
    mutationFn: () => api.post(ENDPOINT[purpose], { token, password: draft.next }),
    // The token is spent: drop it from the address bar and the history entry.
    onSuccess: () => window.history.replaceState(null, '', window.location.pathname),
  });
  return (
    <Paper component="main" maw={480} mx="auto" mt="xl" p="lg" withBorder>
      <Stack>
        <LanguageSwitch />
        <Title order={1} size="h3">{purpose === 'invitation' ? t('account.linkInvitationTitle') : t('account.linkResetTitle')}</Title>
        {!token && <Alert color="orange" role="alert">{t('account.linkMissing')}</Alert>}
        {use.isSuccess ? (
          <Stack>
            <Alert color="teal" role="status">{t('account.linkDone')}</Alert>
            <Anchor href="/">{t('account.signInAgent')}</Anchor>
            <Anchor href="/portal/">{t('account.signInPortal')}</Anchor>
          </Stack>
        ) : (
          token && (
            <form onSubmit={(e) => { e.preventDefault(); if (!problem) use.mutate(); }}>
              <Stack>
                <NewPasswordFields value={draft} onChange={setDraft} />
                <FormActions pending={use.isPending} error={use.error} label={t('account.setPassword')} />
              </Stack>
            </form>
          )
        )}
      </Stack>
    </Paper>
  );
}
