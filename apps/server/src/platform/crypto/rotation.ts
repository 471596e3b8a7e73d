import type { JobMap } from '@pishkhan/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { PlatformTables } from '../db/tables.ts';
import { defineJob } from '../jobs/define.ts';
import type { Jobs } from '../jobs/types.ts';
import type { Contribution } from '../modules.ts';
import type { SealKey } from './keys.ts';
import { open, seal } from './seal.ts';

/**
 * One kind of sealed value, as the rotation job sees it. The list of them is one registry
 * (src/sealed-values.ts), checked against the schema's `*_sealed` columns and against the files
 * that call seal(), so a new sealed value cannot be missed.
 */
export interface SealedValue {
  /** Where the values live: `table.column` for a column; otherwise a description (a setting, an event field). */
  where: string;
  /** The `*_sealed` columns it covers, if any. */
  columns?: Array<{ table: string; column: string }>;
  /** Source files (under src/) that seal values of this kind. */
  sealedIn: string[];
  /** Re-seals every value not yet under keys[0], in the caller's transaction; returns how many it changed. */
  reseal(db: Kysely<any>, keys: SealKey[], now: number): Promise<number>;
}

/** The value sealed again under keys[0], or null when it already is (it must open with one of `keys`). */
export function resealed(keys: SealKey[], sealed: string, context: string): string | null {
  const current = keys[0]!;
  if (sealed.startsWith(`${current.id}.`)) return null;
  return seal(current, open(keys, sealed, context), context);
}

type Db = Kysely<PlatformTables>;

export interface Rotation {
  id: number;
  keyId: string;
  status: 'running' | 'done';
  resealed: number;
  startedAt: number;
  finishedAt: number | null;
}

/** Records a rotation to the current key and enqueues its job, in one transaction (the caller's or its own). */
export async function startSecretRotation(db: Kysely<any>, ports: { jobs: Jobs<any, JobMap>; clock: Clock; sealKeys: SealKey[] }): Promise<Rotation> {
  const run = async (trx: Kysely<any>) => {
    const { id } = await (trx as Db)
      .insertInto('secret_rotations')
      .values({ key_id: ports.sealKeys[0]!.id, status: 'running', resealed: 0, started_at: ports.clock.now(), finished_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ports.jobs.enqueue(trx, 'platform.secret_rotate', { rotationId: id }, { uniqueKey: `platform.secret_rotate:${id}` });
    return (await findRotation(trx, id))!;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export async function findRotation(db: Kysely<any>, id: number): Promise<Rotation | null> {
  const row = await (db as Db).selectFrom('secret_rotations').selectAll().where('id', '=', id).executeTakeFirst();
  return row
    ? { id: row.id, keyId: row.key_id, status: row.status as Rotation['status'], resealed: Number(row.resealed), startedAt: row.started_at, finishedAt: row.finished_at }
    : null;
}

/**
 * The rotation job: re-seals every registered sealed value under this process's current key in
 * one transaction, then marks the rotation done. A process whose current key is not the
 * rotation's (a server still started with the old secret) refuses, and the job is retried with
 * back-off until a process with the new secret takes it: an old-key server never does the work.
 */
export function secretRotationContribution(ports: { sealKeys: SealKey[]; clock: Clock }, registry: readonly SealedValue[]): Contribution {
  return {
    module: 'platform',
    jobs: [
      defineJob('platform.secret_rotate', {
        maxAttempts: 20,
        async handler({ trx, payload }) {
          const rotation = await findRotation(trx, payload.rotationId);
          if (!rotation || rotation.status === 'done') return;
          if (rotation.keyId !== ports.sealKeys[0]!.id) {
            throw new Error(`This process seals under key ${ports.sealKeys[0]!.id}, the rotation is to key ${rotation.keyId}: restart it with the new PISHKHAN_SECRET (and the old one in PISHKHAN_SECRET_PREVIOUS)`);
          }
          let count = 0;
          for (const value of registry) count += await value.reseal(trx, ports.sealKeys, ports.clock.now());
          await (trx as unknown as Db).updateTable('secret_rotations').set({ status: 'done', resealed: count, finished_at: ports.clock.now() }).where('id', '=', rotation.id).execute();
        },
      }),
    ],
  };
}
