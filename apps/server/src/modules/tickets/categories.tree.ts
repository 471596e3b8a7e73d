/** Pure rules of the category tree: no cycles, display order, and what contacts may see. */

export interface TreeNode {
  id: number;
  parent_id: number | null;
  position: number;
  active: number;
}

/**
 * Whether giving `id` the parent `parentId` would make a cycle: the new parent is the category
 * itself or one of its descendants (walking up from the new parent reaches `id`).
 */
export function wouldCycle(parents: ReadonlyMap<number, number | null>, id: number, parentId: number | null): boolean {
  const seen = new Set<number>();
  for (let at = parentId; at !== null && at !== undefined; at = parents.get(at) ?? null) {
    if (at === id || seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}

/** Parents before children, siblings by position then id (a depth-first walk of the tree). */
export function treeOrder<T extends TreeNode>(rows: readonly T[]): T[] {
  const children = new Map<number | null, T[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const key = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    const list = children.get(key) ?? [];
    list.push(r);
    children.set(key, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  const out: T[] = [];
  const visited = new Set<number>();
  const walk = (parent: number | null) => {
    for (const r of children.get(parent) ?? []) {
      if (visited.has(r.id)) continue;
      visited.add(r.id);
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  return out;
}

/** Active categories whose ancestors are all active too: a deactivated branch disappears as a whole. */
export function effectivelyActive<T extends TreeNode>(rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const memo = new Map<number, boolean>();
  const isActive = (r: T, depth: number): boolean => {
    const known = memo.get(r.id);
    if (known !== undefined) return known;
    const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
    const value = r.active === 1 && (parent === undefined || (depth < rows.length && isActive(parent, depth + 1)));
    memo.set(r.id, value);
    return value;
  };
  return rows.filter((r) => isActive(r, 0));
}
