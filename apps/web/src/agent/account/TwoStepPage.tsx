import { useState } from 'react';
import { Alert, Badge, Button, CopyButton, Group, Image, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { ErrorAlert } from '../../shared/components.tsx';
import { formatNumber } from '../../shared/format.ts';
import { usePrefs } from '../../shared/prefs.tsx';
import { SESSION_KEY } from '../../shared/session.ts';
import { normaliseCode } from '../../shared/sign-in-options.ts';
import { useAdminStrings } from '../../admin/strings.ts';
import { groupSecret, recoveryCodesFile } from './two-step.ts';

type TotpStatus = { enabled: boolean; pending: boolean; requiredForAdmins: boolean; recoveryCodesLeft: number };
type Enrolment = { secret: string; otpauthUri: string; qrCode: string };
type RecoveryCodes = { recoveryCodes: string[] };
const KEY = ['me', 'totp'] as const;

/**
 * Account → Two-step verification (TOTP): enrol an authenticator app with the QR code the server
 * drew (or the secret typed by hand), confirm with its first code, see the ten recovery codes once;
 * later replace them or turn the second step off, each with a current code. `mustEnrol`: the admin
 * may do nothing else until enrolled (`access.totp_required_for_admins`).
 */
export default function TwoStepPage({ mustEnrol = false }: { mustEnrol?: boolean }) {
  useAdminStrings();
  const { t } = useTranslation();
  const prefs = usePrefs();
  const client = useQueryClient();
  const status = useQuery({ queryKey: KEY, queryFn: () => api.get<TotpStatus>('/me/totp') });
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const start = useMutation({ mutationFn: () => api.post<Enrolment>('/me/totp'), onSuccess: (e) => { setEnrolment(e); setCodes(null); setTurnedOff(false); void refresh(); } });
  const s = status.data;

  return (
    <Stack maw={640}>
      <Title order={2} size="h3">{t('twoStep.title')}</Title>
      {mustEnrol && !codes && <Alert color="orange" role="status">{t('twoStep.mustEnrol')}</Alert>}
      <ErrorAlert error={status.error ?? start.error} />
      {s && (
        <Group gap="xs">
          <Text size="sm">{t('twoStep.state')}</Text>
          <Badge color={s.enabled ? 'teal' : s.pending ? 'yellow' : 'gray'} variant="light">{t(s.enabled ? 'twoStep.on' : s.pending ? 'twoStep.pending' : 'twoStep.off')}</Badge>
          {s.enabled && <Text size="sm" c="dimmed">{t('twoStep.codesLeft', { count: s.recoveryCodesLeft, n: formatNumber(s.recoveryCodesLeft, prefs) })}</Text>}
        </Group>
      )}
      {codes && (
        <ShownCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            // Only now: the session (mustEnrolTotp) changes and the gate opens.
            void client.invalidateQueries({ queryKey: SESSION_KEY });
          }}
        />
      )}
      {turnedOff && <Alert color="teal" role="status">{t('twoStep.turnedOff')}</Alert>}
      {s && !s.enabled && !codes && (
        enrolment ? (
          <EnrolStep enrolment={enrolment} onConfirmed={(c) => { setEnrolment(null); setCodes(c); void refresh(); }} />
        ) : (
          <Stack gap="xs">
            <Text size="sm">{t('twoStep.intro')}</Text>
            <Group><Button loading={start.isPending} onClick={() => start.mutate()}>{s.pending ? t('twoStep.restart') : t('twoStep.start')}</Button></Group>
          </Stack>
        )
      )}
      {s?.enabled && !codes && (
        <>
          <CodeAction
            title={t('twoStep.renewTitle')}
            note={t('twoStep.renewNote')}
            label={t('twoStep.renew')}
            run={(code) => api.post<RecoveryCodes>('/me/totp/recovery-codes', { code })}
            onDone={(r) => { setCodes(r.recoveryCodes); void refresh(); }}
          />
          <CodeAction
            title={t('twoStep.disableTitle')}
            note={t('twoStep.disableNote')}
            label={t('twoStep.disable')}
            danger
            run={(code) => api.post('/me/totp/disable', { code })}
            onDone={() => { setTurnedOff(true); void refresh(); void client.invalidateQueries({ queryKey: SESSION_KEY }); }}
          />
        </>
      )}
    </Stack>
  );
}

function EnrolStep({ enrolment, onConfirmed }: { enrolment: Enrolment; onConfirmed(codes: string[]): void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const confirm = useMutation({ mutationFn: () => api.post<RecoveryCodes>('/me/totp/confirm', { code: normaliseCode(code, false) }), onSuccess: (r) => onConfirmed(r.recoveryCodes) });
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); confirm.mutate(); }}>
        <Stack>
          <List type="ordered" size="sm" spacing="xs">
            <List.Item>{t('twoStep.step1')}</List.Item>
            <List.Item>{t('twoStep.step2')}</List.Item>
            <List.Item>{t('twoStep.step3')}</List.Item>
          </List>
          {/* Drawn by the server from the otpauth URI (no outside service); a data: URL, not markup. */}
          <Image src={enrolment.qrCode} alt={t('twoStep.qrAlt')} w={200} h={200} fit="contain" style={{ background: 'white' }} />
          <Stack gap={4}>
            <Text size="sm">{t('twoStep.manual')}</Text>
            <Group gap="xs">
              <Text ff="monospace" size="sm"><bdi dir="ltr" data-testid="totp-secret" data-secret={enrolment.secret}>{groupSecret(enrolment.secret)}</bdi></Text>
              <CopyButton value={enrolment.secret}>
                {({ copied, copy }) => <Button size="compact-xs" variant="light" onClick={copy}>{copied ? t('adminPages.copied') : t('adminPages.copy')}</Button>}
              </CopyButton>
            </Group>
          </Stack>
          <ErrorAlert error={confirm.error} />
          <TextInput label={t('twoStep.code')} dir="ltr" inputMode="numeric" autoComplete="one-time-code" maxLength={10} required value={code} onChange={(e) => setCode(e.currentTarget.value)} />
          <Group><Button type="submit" loading={confirm.isPending}>{t('twoStep.confirm')}</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The recovery codes, shown only now: copy, download as a text file, then go on. */
function ShownCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useTranslation();
  const download = () => {
    const url = URL.createObjectURL(new Blob([recoveryCodesFile(codes, t('twoStep.fileHeading'))], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'pishkhan-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Alert color="blue" title={t('twoStep.codesTitle')} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('twoStep.codesNote')}</Text>
        <List size="sm" ff="monospace" data-testid="recovery-codes" listStyleType="none">
          {codes.map((c) => <List.Item key={c}><bdi dir="ltr">{c}</bdi></List.Item>)}
        </List>
        <Group>
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? t('adminPages.copied') : t('adminPages.copy')}</Button>}
          </CopyButton>
          <Button size="xs" variant="light" onClick={download}>{t('twoStep.download')}</Button>
          <Button size="xs" onClick={onDone}>{t('twoStep.savedThem')}</Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** A form with one code field (authenticator or recovery code) in front of a write. */
function CodeAction<R>({ title, note, label, run, onDone, danger = false }: { title: string; note: string; label: string; run(code: string): Promise<R>; onDone(result: R): void; danger?: boolean }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const write = useMutation({ mutationFn: () => run(normaliseCode(code, false)), onSuccess: (r) => { setCode(''); onDone(r); } });
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); write.mutate(); }}>
        <Stack gap="xs">
          <Title order={3} size="h5">{title}</Title>
          <Text size="sm" c="dimmed">{note}</Text>
          <ErrorAlert error={write.error} />
          <TextInput label={t('twoStep.codeOrRecovery')} dir="ltr" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.currentTarget.value)} />
          <Group><Button type="submit" color={danger ? 'red' : undefined} variant={danger ? 'light' : 'filled'} loading={write.isPending}>{label}</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
