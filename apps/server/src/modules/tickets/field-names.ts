const names = new Map<string, string>();

/**
 * History and the timeline name fields as the API does (assignee_group_id → assigneeGroupId).
 * Memoised: the columns are few, and a recompute names them for 100,000 tickets at a time.
 */
export function apiFieldName(column: string): string {
  let name = names.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (names.size < 1000) names.set(column, name);
  }
  return name;
}
