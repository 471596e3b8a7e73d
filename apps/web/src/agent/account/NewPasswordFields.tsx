import { PasswordInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '@pishkhan/contracts';
import { passwordProblem } from './password-rules.ts';

export type NewPassword = { next: string; repeat: string };

/** The rules, the new password and its repeat, with what the form can tell before the server does. */
export function NewPasswordFields({ value, onChange }: { value: NewPassword; onChange(next: NewPassword): void }) {
  const { t } = useTranslation();
  const problem = passwordProblem(value.next, value.repeat);
  return (
    <>
      <Text size="sm" c="dimmed">{t('account.passwordRules', { min: PASSWORD_MIN_LENGTH })}</Text>
      <PasswordInput label={t('account.newPassword')} value={value.next} onChange={(e) => onChange({ ...value, next: e.currentTarget.value })} autoComplete="new-password" required
        error={value.next && problem === 'short' ? t('account.tooShort', { min: PASSWORD_MIN_LENGTH }) : undefined} />
      <PasswordInput label={t('account.repeatPassword')} value={value.repeat} onChange={(e) => onChange({ ...value, repeat: e.currentTarget.value })} autoComplete="new-password" required
        error={value.repeat && problem === 'mismatch' ? t('account.mismatch') : undefined} />
    </>
  );
}
