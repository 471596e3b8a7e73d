import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Select, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Category } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { ActiveBadge, EditDialog, FormActions, ListTable, PageTitle, useAdminWrite, useList } from './admin-kit.tsx';
import { categoryTree, forbiddenParents, nullIfBlank, patchBody } from './forms.ts';
import { useAdminStrings } from './strings.ts';

type Draft = { name: string; nameEn: string; parentId: string | null; position: number | null; active: boolean };

/** Parent choices, indented by depth; `exclude` keeps a category from moving under itself. */
function useParentOptions(items: readonly Category[], exclude: Set<number>) {
  return categoryTree(items)
    .filter((row) => !exclude.has(row.category.id))
    .map((row) => ({ value: String(row.category.id), label: `${'— '.repeat(row.depth)}${row.category.name}` }));
}

function CategoryFields({ draft, setDraft, items, exclude }: { draft: Draft; setDraft(d: Draft): void; items: readonly Category[]; exclude: Set<number> }) {
  const { t } = useTranslation();
  const parents = useParentOptions(items, exclude);
  return (
    <>
      <Group grow align="start">
        <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
        <TextInput label={t('admin.nameEn')} dir="ltr" value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.currentTarget.value })} />
      </Group>
      <Group grow align="start">
        <Select label={t('adminPages.parentCategory')} placeholder={t('adminPages.topLevel')} data={parents} value={draft.parentId} onChange={(parentId) => setDraft({ ...draft, parentId })} clearable searchable />
        <NumberInput label={t('adminPages.position')} min={0} value={draft.position ?? ''} onChange={(v) => setDraft({ ...draft, position: typeof v === 'number' ? v : null })} />
      </Group>
    </>
  );
}

function CreateCategory({ items }: { items: readonly Category[] }) {
  const { t } = useTranslation();
  const blank: Draft = { name: '', nameEn: '', parentId: null, position: null, active: true };
  const [draft, setDraft] = useState(blank);
  const create = useAdminWrite(
    () => api.post('/categories', { name: draft.name.trim(), nameEn: nullIfBlank(draft.nameEn), parentId: draft.parentId ? Number(draft.parentId) : null, ...(draft.position !== null ? { position: draft.position } : {}) }),
    () => setDraft(blank),
  );
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(undefined); }}>
        <Stack>
          <Title order={3} size="h4">{t('admin.newCategory')}</Title>
          <CategoryFields draft={draft} setDraft={setDraft} items={items} exclude={new Set()} />
          <FormActions pending={create.isPending} error={create.error} label={t('admin.create')} />
        </Stack>
      </form>
    </Paper>
  );
}

function EditCategory({ category, items, onDone }: { category: Category; items: readonly Category[]; onDone(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({ name: category.name, nameEn: category.nameEn ?? '', parentId: category.parentId ? String(category.parentId) : null, position: category.position, active: category.active });
  const save = useAdminWrite(async () => {
    const body = patchBody(category, { name: draft.name.trim(), nameEn: nullIfBlank(draft.nameEn), parentId: draft.parentId ? Number(draft.parentId) : null, active: draft.active, ...(draft.position !== null ? { position: draft.position } : {}) });
    return body ? api.patch(`/categories/${category.id}`, body) : null;
  }, onDone);
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
      <Stack>
        <CategoryFields draft={draft} setDraft={setDraft} items={items} exclude={forbiddenParents(items, category.id)} />
        <Switch label={t('adminPages.activeSwitch')} description={t('adminPages.deactivateCategoryNote')} checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
        <FormActions pending={save.isPending} error={save.error} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** The category tree: parents before children, each level indented (inline-start, so it mirrors). */
export default function CategoriesPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const list = useList<Category>('/categories');
  const items = list.data?.items ?? [];
  const [editing, setEditing] = useState<Category | null>(null);
  return (
    <Stack>
      <PageTitle>{t('admin.categories')}</PageTitle>
      <CreateCategory items={items} />
      <ErrorAlert error={list.error} />
      <ListTable
        label={t('admin.categories')}
        headers={[t('admin.name'), t('admin.nameEn'), t('adminPages.position'), t('adminPages.state'), t('adminPages.actions')]}
        rows={categoryTree(items).map(({ category: c, depth }) => [
          <span key="n" data-depth={depth} style={{ paddingInlineStart: `${depth * 1.5}rem` }}><Bidi>{c.name}</Bidi></span>,
          <Bidi key="e">{c.nameEn ?? ''}</Bidi>,
          c.position,
          <ActiveBadge key="s" active={c.active} />,
          <Button key="x" size="xs" variant="light" onClick={() => setEditing(c)} aria-label={t('adminPages.editNamed', { name: c.name })}>{t('adminPages.edit')}</Button>,
        ])}
      />
      <EditDialog title={t('adminPages.editCategory')} opened={editing !== null} onClose={() => setEditing(null)}>
        {editing && <EditCategory key={editing.id} category={editing} items={items} onDone={() => setEditing(null)} />}
      </EditDialog>
    </Stack>
  );
}
