import { useState } from 'react';
import { Badge, Button, Checkbox, Group, NumberInput, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreateTokenBody } from '@pishkhan/contracts';
import { api } from '../../shared/api.ts';
import { ErrorAlert, When } from '../../shared/components.tsx';
import { FormActions, ListTable, ShownOnce } from '../../admin/admin-kit.tsx';
import { tokenBody, type TokenDraft } from './token-form.ts';
import { useAdminStrings } from '../../admin/strings.ts';

const KEY = ['me', 'tokens'] as const;
const SCOPES = ['read', 'write', 'admin', 'metrics'] as const;

function CreateToken({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const blank: TokenDraft = { name: '', scopes: ['read'], expiresInDays: 90 };
  const [draft, setDraft] = useState(blank);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateTokenBody) => api.post<{ token: string; item: ApiToken }>('/me/tokens', body),
    onSuccess: (created) => { setSecret(created.token); setDraft(blank); void client.invalidateQueries({ queryKey: KEY }); },
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); setSecret(null); create.mutate(tokenBody(draft)); }}>
        <Stack>
          <Title order={3} size="h4">{t('account.newToken')}</Title>
          <Group align="start" grow>
            <TextInput label={t('account.tokenName')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
            <NumberInput label={t('account.expiresInDays')} description={t('account.expiresInDaysNote')} min={1} max={366} value={draft.expiresInDays ?? ''} onChange={(v) => setDraft({ ...draft, expiresInDays: typeof v === 'number' ? v : null })} />
          </Group>
          <Checkbox.Group label={t('account.scopes')} value={draft.scopes} onChange={(scopes) => setDraft({ ...draft, scopes })}>
            <Group mt="xs">
              {SCOPES.filter((s) => s !== 'admin' || isAdmin).map((s) => <Checkbox key={s} value={s} label={t(`account.scopeNames.${s}`)} />)}
            </Group>
          </Checkbox.Group>
          <FormActions pending={create.isPending} error={create.error} label={t('account.createToken')} />
        </Stack>
      </form>
      {secret && <Stack mt="sm"><ShownOnce title={t('account.tokenShownOnce')} value={secret} note={t('account.tokenUse', { header: 'Authorization: Bearer <token>' })} /></Stack>}
    </Paper>
  );
}

/** Personal API tokens: created (the secret shown once), listed with last use, revoked. */
export default function TokensPage({ isAdmin }: { isAdmin: boolean }) {
  useAdminStrings();
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: ApiToken[] }>('/me/tokens') });
  const revoke = useMutation({ mutationFn: (id: number) => api.delete(`/tokens/${id}`), onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
  return (
    <Stack>
      <Title order={2} size="h3">{t('account.tokens')}</Title>
      <CreateToken isAdmin={isAdmin} />
      <ErrorAlert error={list.error ?? revoke.error} />
      <ListTable
        label={t('account.tokens')}
        minWidth={720}
        headers={[t('account.tokenName'), t('account.scopes'), t('account.createdAt'), t('account.expires'), t('account.lastUsed'), t('adminPages.actions')]}
        rows={(list.data?.items ?? []).map((k) => [
          <bdi key="n">{k.name}</bdi>,
          k.scopes.map((s) => t(`account.scopeNames.${s}`)).join(t('adminPages.listSeparator')),
          <When key="c" instant={k.createdAt} />,
          k.expiresAt ? <When key="e" instant={k.expiresAt} /> : t('account.never'),
          k.lastUsedAt ? <span key="l"><When instant={k.lastUsedAt} relative /> <bdi dir="ltr">{k.lastUsedIp ?? ''}</bdi></span> : t('account.neverUsed'),
          k.revokedAt ? <Badge key="r" color="gray" variant="light">{t('account.revoked')}</Badge> : <Button key="r" size="xs" color="red" variant="light" loading={revoke.isPending && revoke.variables === k.id} onClick={() => revoke.mutate(k.id)} aria-label={t('account.revokeToken', { name: k.name })}>{t('account.revoke')}</Button>,
        ])}
      />
    </Stack>
  );
}
