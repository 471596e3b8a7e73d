import { defineJob, type AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { referencedBlobs } from './attachments.repository.ts';

export const ORPHAN_BLOB_JOB = 'tickets.sweep_orphan_blobs';
/**
 * An upload commits its bytes to storage before its row commits; a blob younger than this may
 * belong to a transaction still running and is never removed. Bytes are stored only after the
 * whole body has arrived, so the window it covers is one short transaction.
 */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
/** Candidates checked against `attachments` per query. */
const BATCH = 500;

/**
 * The orphan-blob sweep (daily): removes stored blobs that no committed attachment references —
 * bytes written before a transaction that then failed — once they are older than the grace
 * period. Attachments reference blobs, and so do the modules that pass `otherReferences` (email's
 * raw messages) through registerTickets' `blobReferences`. Returned to registerTickets, installed by app.ts.
 */
export function orphanBlobSweep(
  ctx: AppContext,
  otherReferences: ReadonlyArray<(db: AppContext['db'], sha256s: readonly string[]) => Promise<Set<string>>> = [],
): Required<Pick<Contribution, 'jobs' | 'schedules'>> {
  const sweep = defineJob(ORPHAN_BLOB_JOB, {
    async handler({ trx, heartbeat }) {
      const before = ctx.clock.now() - ORPHAN_GRACE_MS;
      let removed = 0;
      let batch: string[] = [];
      const flush = async () => {
        const referenced = await referencedBlobs(trx, batch);
        for (const more of otherReferences) for (const sha of await more(trx, batch)) referenced.add(sha);
        for (const sha of batch) if (!referenced.has(sha) && (await ctx.storage.removeIfStoredBefore(sha, before))) removed++;
        batch = [];
        await heartbeat();
      };
      for await (const blob of ctx.storage.list()) {
        if (blob.storedAt >= before) continue;
        batch.push(blob.sha256);
        if (batch.length === BATCH) await flush();
      }
      if (batch.length > 0) await flush();
      if (removed > 0) ctx.logger.info({ removed }, 'Removed attachment blobs no ticket references');
    },
  });
  return { jobs: [sweep], schedules: [{ name: ORPHAN_BLOB_JOB, job: ORPHAN_BLOB_JOB, everyMs: 24 * 60 * 60 * 1000 }] };
}
