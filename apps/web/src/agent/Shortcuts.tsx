import { useEffect } from 'react';
import { Kbd, Modal, Table } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Every shortcut of the workspace, listed by the `?` overlay; the views handle their own keys. */
export const SHORTCUTS = [
  { keys: 'j', action: 'next' },
  { keys: 'k', action: 'previous' },
  { keys: 'Enter', action: 'open' },
  { keys: 'x', action: 'select' },
  { keys: 'r', action: 'reply' },
  { keys: 'n', action: 'note' },
  { keys: 'a', action: 'assignMe' },
  { keys: 's', action: 'status' },
  { keys: '/', action: 'search' },
  { keys: 'Esc', action: 'leaveSearch' },
  { keys: 'c', action: 'create' },
  { keys: '?', action: 'help' },
] as const;

/** Whether a key event came from a place where typing means text, not a command. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useGlobalShortcuts({ onHelp }: { onHelp(): void }) {
  const navigate = useNavigate();
  useEffect(() => {
    const handler = (event: KeyboardEvent) => {
      if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '?') {
        event.preventDefault();
        onHelp();
      } else if (event.key === '/') {
        event.preventDefault();
        document.getElementById('global-search')?.focus();
      } else if (event.key === 'c') {
        event.preventDefault();
        navigate('/new');
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [navigate, onHelp]);
}

export function ShortcutsOverlay({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Table>
        <Table.Tbody>
          {SHORTCUTS.map((s) => (
            <Table.Tr key={s.keys}>
              <Table.Td>
                <Kbd>{s.keys}</Kbd>
              </Table.Td>
              <Table.Td>{t(`shortcuts.${s.action}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
