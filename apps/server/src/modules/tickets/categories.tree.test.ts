import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectivelyActive, treeOrder, wouldCycle, type TreeNode } from './categories.tree.ts';

/** A random forest: each node's parent is an earlier node or none (so it is acyclic by construction). */
const forest = fc.array(fc.record({ parentPick: fc.nat(), hasParent: fc.boolean(), position: fc.nat({ max: 5 }), active: fc.boolean() }), { maxLength: 30 }).map((specs) =>
  specs.map<TreeNode>((s, i) => ({
    id: i + 1,
    parent_id: s.hasParent && i > 0 ? (s.parentPick % i) + 1 : null,
    position: s.position,
    active: s.active ? 1 : 0,
  })),
);

const parentsOf = (nodes: readonly TreeNode[]) => new Map(nodes.map((n) => [n.id, n.parent_id]));
const ancestors = (nodes: readonly TreeNode[], id: number): number[] => {
  const parents = parentsOf(nodes);
  const out: number[] = [];
  for (let at = parents.get(id) ?? null; at !== null; at = parents.get(at) ?? null) out.push(at);
  return out;
};

describe('category tree', () => {
  it('a move makes a cycle exactly when the new parent is the node or one of its descendants', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), (nodes, a, b) => {
        if (nodes.length === 0) return;
        const id = (a % nodes.length) + 1;
        const parent = (b % nodes.length) + 1;
        const isDescendantOrSelf = parent === id || ancestors(nodes, parent).includes(id);
        expect(wouldCycle(parentsOf(nodes), id, parent)).toBe(isDescendantOrSelf);
        expect(wouldCycle(parentsOf(nodes), id, null)).toBe(false);
      }),
    );
  });

  it('stops on data that already has a cycle', () => {
    const parents = new Map<number, number | null>([
      [1, 2],
      [2, 1],
      [3, null],
    ]);
    expect(wouldCycle(parents, 3, 1)).toBe(true);
  });

  it('orders every node once, each after its parent, siblings by position then id', () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const ordered = treeOrder([...nodes].reverse());
        expect(ordered.map((n) => n.id).sort((x, y) => x - y)).toEqual(nodes.map((n) => n.id));
        const index = new Map(ordered.map((n, i) => [n.id, i]));
        for (const n of ordered) if (n.parent_id !== null) expect(index.get(n.parent_id)!).toBeLessThan(index.get(n.id)!);
        for (const [i, n] of ordered.entries()) {
          const next = ordered.slice(i + 1).find((m) => m.parent_id === n.parent_id);
          if (next) expect(n.position < next.position || (n.position === next.position && n.id < next.id)).toBe(true);
        }
      }),
    );
  });

  it('shows contacts a node only when it and all its ancestors are active', () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const visible = new Set(effectivelyActive(nodes).map((n) => n.id));
        const byId = new Map(nodes.map((n) => [n.id, n]));
        for (const n of nodes) {
          const expected = n.active === 1 && ancestors(nodes, n.id).every((a) => byId.get(a)!.active === 1);
          expect(visible.has(n.id)).toBe(expected);
        }
      }),
    );
  });
});
