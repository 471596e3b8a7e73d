import { useState } from 'react';
import { Alert, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionResponse } from '@pishkhan/contracts';
import { api } from '../../shared/api.ts';
import { SESSION_KEY } from '../../shared/session.ts';
import { FormActions } from '../../admin/admin-kit.tsx';
import { passwordProblem } from './password-rules.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { useAdminStrings } from '../../admin/strings.ts';

/**
 * Reads the session again until it no longer asks for a new password: the server may answer from
 * its per-process actor cache (PISHKHAN_ACTOR_CACHE_MS, under a second) just after the change.
 */
async function refreshSession(client: QueryClient): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    await client.invalidateQueries({ queryKey: SESSION_KEY });
    if (!client.getQueryData<SessionResponse | null>(SESSION_KEY)?.me.mustChangePassword) return;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

/** Change your password: the current one, then the new one twice (checked here before the server's rules). */
export default function PasswordPage({ mustChange = false }: { mustChange?: boolean }) {
  useAdminStrings();
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState({ current: '', next: '', repeat: '' });
  const [done, setDone] = useState(false);
  const problem = passwordProblem(draft.next, draft.repeat);
  const change = useMutation({
    mutationFn: () => api.put('/me/password', { currentPassword: draft.current, newPassword: draft.next }),
    onSuccess: () => { setDone(true); setDraft({ current: '', next: '', repeat: '' }); void refreshSession(client); },
  });
  return (
    <Paper maw={480} p="md" withBorder>
      <form onSubmit={(e) => { e.preventDefault(); setDone(false); if (!problem) change.mutate(); }}>
        <Stack>
          <Title order={2} size="h3">{t('account.password')}</Title>
          {mustChange && <Alert color="orange" role="status">{t('account.mustChange')}</Alert>}
          <PasswordInput label={t('account.currentPassword')} value={draft.current} onChange={(e) => setDraft({ ...draft, current: e.currentTarget.value })} autoComplete="current-password" required />
          <NewPasswordFields value={draft} onChange={(next) => setDraft({ ...draft, ...next })} />
          {done && <Alert color="teal" role="status">{t('account.passwordChanged')}</Alert>}
          <FormActions pending={change.isPending} error={change.error} label={t('account.changePassword')} />
        </Stack>
      </form>
    </Paper>
  );
}
