import { useState, type ReactNode } from 'react';
import { ActionIcon, AppShell, Burger, Button, Group, NavLink, ScrollArea, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronRight, IconLogout, IconPlus, IconSearch, IconSettings } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SavedView, SessionResponse } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { keys, POLL_MS } from '../shared/live.ts';
import { useSessionActions } from '../shared/session.ts';
import { LanguageSwitch } from '../shared/components.tsx';
import { Bell } from './Bell.tsx';
import { QueueCount } from './QueueCount.tsx';
import { ShortcutsOverlay, useGlobalShortcuts } from './Shortcuts.tsx';

type QueueList = { items: { name: string; count: number; capped: boolean }[] };
/** The role queues (managers, crm; server tickets/role-queues.ts), named in their own locale section. */
const ROLE_QUEUES = new Set(['all_open', 'all_unassigned', 'my_organizations_open']);
/** The admin pages of the sidebar, with the key of their label. */
const ADMIN_PAGES = [
  ['agents', 'admin.agents'], ['groups', 'admin.groups'], ['organizations', 'nav.organizations'], ['contacts', 'admin.contacts'],
  ['categories', 'admin.categories'], ['priority', 'admin.priority'], ['settings', 'admin.settings'], ['mailboxes', 'nav.mailboxes'], ['held-mail', 'nav.heldMail'], ['sso', 'nav.sso'],
  ['templates', 'nav.templates'], ['jobs', 'admin.jobs'], ['audit', 'nav.audit'],
  ['calendars', 'nav.calendars'], ['sla', 'nav.sla'], ['contracts', 'nav.contracts'],
] as const;
const ACCOUNT_PAGES = [['sessions', 'nav.sessions'], ['tokens', 'nav.tokens'], ['password', 'nav.password'], ['two-step', 'nav.twoStep']] as const;

/** The workspace frame: queues with live counts in the sidebar (right in fa, left in en), header tools. */
export function Shell({ me, children }: { me: SessionResponse['me']; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { signOut } = useSessionActions();
  const [opened, { toggle }] = useDisclosure();
  const [search, setSearch] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  useGlobalShortcuts({ onHelp: () => setHelpOpen(true) });
  const queues = useQuery({ queryKey: keys.queues, queryFn: () => api.get<QueueList>('/queues'), refetchInterval: POLL_MS });
  const views = useQuery({ queryKey: ['me', 'views'], queryFn: () => api.get<{ items: SavedView[] }>('/me/views') });
  const isAdmin = me.agent?.roles.includes('admin') ?? false;
  const isSupervisor = me.agent?.roles.includes('supervisor') ?? false;
  const readsContracts = me.agent?.roles.some((r) => r === 'manager' || r === 'crm') ?? false;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('agent.toggleNavigation')} />
            <Title order={1} size="h4">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                {t('app.name')}
              </Link>
            </Title>
          </Group>
          <form
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              // Everything the search language finds (FindPage; a bare #number opens its ticket); sent as typed.
              if (search.trim()) navigate(`/find?q=${encodeURIComponent(search)}`);
            }}
          >
            <TextInput
              id="global-search"
              size="xs"
              aria-label={t('agent.searchLabel')}
              placeholder={t('agent.searchPlaceholder')}
              leftSection={<IconSearch size={14} aria-hidden />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') e.currentTarget.blur();
              }}
            />
          </form>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} component={Link} to="/new">
              {t('agent.newTicket')}
            </Button>
            <Bell />
            <LanguageSwitch />
            <ActionIcon variant="subtle" component={Link} to="/preferences" aria-label={t('agent.preferences')}>
              <IconSettings size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" onClick={() => void signOut()} aria-label={t('agent.signOut')}>
              <IconLogout size={18} aria-hidden className="mirror-in-rtl" />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('agent.queues')} data-testid="sidebar">
        <ScrollArea>
          <Text size="xs" c="dimmed" fw={700} px="sm" py={4}>
            {t('agent.queues')}
          </Text>
          {(queues.data?.items ?? []).map((queue) => (
            <NavLink
              key={queue.name}
              component={Link}
              to={`/queues/${queue.name}`}
              active={location.pathname === `/queues/${queue.name}` || (location.pathname === '/' && queue.name === 'my_open')}
              label={ROLE_QUEUES.has(queue.name) ? t(`roleQueue.${queue.name}`) : t(`queue.${queue.name}`, { defaultValue: queue.name })}
              rightSection={<QueueCount count={queue.count} capped={queue.capped} />}
            />
          ))}
          <Text size="xs" c="dimmed" fw={700} px="sm" py={4} mt="sm">
            {t('agent.savedViews')}
          </Text>
          {(views.data?.items ?? []).map((view) => (
            <NavLink key={view.id} component={Link} to={`/search?view=${view.id}`} label={view.name} />
          ))}
          <NavLink component={Link} to="/search" label={t('agent.allTickets')} rightSection={<IconChevronRight size={14} aria-hidden className="chevron mirror-in-rtl" />} />
          <Text size="xs" c="dimmed" fw={700} px="sm" py={4} mt="sm">
            {t('nav.account')}
          </Text>
          {ACCOUNT_PAGES.map(([page, label]) => (
            <NavLink key={page} component={Link} to={`/account/${page}`} active={location.pathname === `/account/${page}`} label={t(label)} />
          ))}
          {isAdmin && (
            <>
              <Text size="xs" c="dimmed" fw={700} px="sm" py={4} mt="sm">
                {t('admin.title')}
              </Text>
              {ADMIN_PAGES.map(([page, label]) => (
                <NavLink key={page} component={Link} to={`/admin/${page}`} active={location.pathname === `/admin/${page}` || location.pathname.startsWith(`/admin/${page}/`)} label={t(label)} />
              ))}
            </>
          )}
          {!isAdmin && isSupervisor && (
            // Supervisors review held mail too (the server's held-mail policy); the rest of admin is not theirs.
            <NavLink component={Link} to="/admin/held-mail" active={location.pathname === '/admin/held-mail'} label={t('nav.heldMail')} mt="sm" />
          )}
          {!isAdmin && readsContracts && (
            // Managers read every contract, crm agents those of their organisations (the server's contract policy); read only.
            <NavLink component={Link} to="/admin/contracts" active={location.pathname.startsWith('/admin/contracts')} label={t('nav.contracts')} mt={isSupervisor ? undefined : 'sm'} />
          )}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      <ShortcutsOverlay opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </AppShell>
  );
}
