import { Anchor, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from './admin-kit.tsx';
import PriorityMatrix from './PriorityMatrix.tsx';
import { useAdminStrings } from './strings.ts';

/** The desk's settings that the API exposes today, and where the others live. */
export default function SettingsPage() {
  useAdminStrings();
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle>{t('admin.settings')}</PageTitle>
      <Text>{t('admin.settingsIntro')}</Text>
      <PriorityMatrix />
      <List>
        <List.Item><Anchor component={Link} to="/admin/mailboxes">{t('adminPages.mailboxes')}</Anchor></List.Item>
        <List.Item><Anchor component={Link} to="/admin/templates">{t('adminPages.templates')}</Anchor></List.Item>
      </List>
    </Stack>
  );
}
