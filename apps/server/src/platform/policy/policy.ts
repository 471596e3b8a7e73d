import type { Actor } from '../actor.ts';
import { expectVersion } from '../db/versioned.ts';
import { forbidden, notFound } from '../http/errors.ts';

/**
 * One resource's rules. `can(actor, 'read', record)` decides visibility; every other action is
 * asked only of visible records. Lists use the resource's own visibleScope (a SQL filter).
 */
export interface Policy<R, A extends string = string> {
  /** Name used in the 404 message, e.g. "ticket". */
  entity: string;
  can(actor: Actor, action: A | 'read', record: R): boolean;
}

/** Not visible → 404 (its existence is not revealed); visible but not allowed → 403. */
export function authorize<R, A extends string>(policy: Policy<R, A>, actor: Actor, action: A | 'read', record: R | undefined | null): R {
  if (!record || !policy.can(actor, 'read', record)) throw notFound(policy.entity);
  if (action !== 'read' && !policy.can(actor, action, record)) throw forbidden(action);
  return record;
}

/** Abilities of the actor on a record for the presenter, so that the UI shows only what works. */
export function abilities<R, A extends string>(policy: Policy<R, A>, actor: Actor, record: R, actions: readonly A[]): Record<A, boolean> {
  return Object.fromEntries(actions.map((a) => [a, policy.can(actor, a, record)])) as Record<A, boolean>;
}

/**
 * The opening of every edit command on a versioned record: authorise `action` on the locked row
 * (404 / 403, through `accessOf` when the policy reads other facts than the row), then check the
 * version the caller last saw (409 record.stale). Returns the row, known to exist.
 */
export function authorizeEdit<Row extends { version: number }, R, A extends string>(
  policy: Policy<R, A>,
  actor: Actor,
  action: A,
  row: Row | undefined | null,
  version: number | undefined,
  accessOf: (row: Row) => R = (r) => r as unknown as R,
): Row {
  authorize(policy, actor, action, row ? accessOf(row) : undefined);
  expectVersion(row!, version);
  return row!;
}
