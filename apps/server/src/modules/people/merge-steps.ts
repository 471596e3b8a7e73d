import type { EventMap } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import { authorize, authorizeEdit, type Policy } from '../../platform/policy/index.ts';
import type { MergeMover, MergeStamp } from '../../context.ts';
import type { Db } from '../../schema.ts';
import { recordAudit } from '../audit/index.ts';
import type { MergeContext } from './people.context.ts';
import { PeopleErrors } from './people.errors.ts';

// The steps mergeContact and mergeOrganization share, so that both refuse the same merges with
// the same errors and leave the same kind of record.

/** What a merge reads of the rows on both sides. */
interface MergeableRow {
  id: number;
  version: number;
  active: number;
  merged_into_id: number | null;
}

/**
 * The opening of a merge: holds both rows, the lower id first, so two crossing merges cannot
 * deadlock; the loser must be the actor's to merge, at the version last read, not the survivor
 * itself and not merged already; the survivor must exist, be the actor's to merge into, and be
 * active.
 */
export async function holdMergePair<Row extends MergeableRow, R>(
  db: Db,
  input: { actor: Actor; id: number; intoId: number; version: number },
  findForUpdate: (db: Db, id: number) => Promise<Row | undefined>,
  policy: Policy<R, 'merge'>,
  accessOf: (row: Row) => R,
): Promise<{ loser: Row; into: Row }> {
  const [firstId, secondId] = input.id < input.intoId ? [input.id, input.intoId] : [input.intoId, input.id];
  const first = await findForUpdate(db, firstId);
  const second = firstId === secondId ? first : await findForUpdate(db, secondId);
  const loser = authorizeEdit(policy, input.actor, 'merge', firstId === input.id ? first : second, input.version, accessOf);
  if (input.intoId === loser.id) throw new DomainError(PeopleErrors['merge.into_itself'], { field: 'intoId' });
  if (loser.merged_into_id !== null) throw new DomainError(PeopleErrors['merge.already_merged'], { mergedIntoId: loser.merged_into_id });
  const into = firstId === input.intoId ? first : second;
  if (!into) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'intoId', ids: [input.intoId] });
  authorize(policy, input.actor, 'merge', accessOf(into));
  if (into.active !== 1 || into.merged_into_id !== null) throw new DomainError(PeopleErrors['merge.into_inactive'], { field: 'intoId', ids: [into.id] });
  return { loser, into };
}

/** Has every other module move its references (through `move`) and answers the tickets they touched, once each, in order. */
export async function moveReferences(
  movers: readonly MergeMover[],
  move: (mover: MergeMover, at: MergeStamp) => Promise<number[]>,
  at: MergeStamp,
): Promise<number[]> {
  const moved = new Set<number>();
  for (const mover of movers) for (const id of await move(mover, at)) moved.add(id);
  return [...moved].sort((a, b) => a - b);
}

/** The record of a merge under one name: the audit entry (on the loser, naming the survivor first) and the event. */
export async function recordMerge<K extends 'contact.merged' | 'organization.merged'>(
  ctx: MergeContext,
  actor: Actor,
  name: K,
  merge: { loserId: number; intoId: number; details: Record<string, unknown> },
  event: EventMap[K],
): Promise<void> {
  const targetType = name === 'contact.merged' ? 'contact' : 'organization';
  await recordAudit(ctx, actor, name, { targetType, targetId: merge.loserId, details: { intoId: merge.intoId, ...merge.details } });
  await recordEvent(ctx.db, ctx.clock, name, event);
}
