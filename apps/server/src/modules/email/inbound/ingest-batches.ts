import type { AppContext } from '../../../context.ts';
import { inSavepoint, transaction } from '../../../platform/db/index.ts';
import { ingestMessage, type IngestInput, type IngestResult } from '../commands/ingest-message.ts';

interface Waiting {
  input: IngestInput;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

export interface IngestBatches {
  /** Ingests one prepared message; resolves once the transaction holding it has committed. */
  ingest(input: IngestInput): Promise<IngestResult>;
}

/**
 * Group commit for the SMTP receiver: messages that arrive while a transaction is writing wait
 * and are then ingested together, each in its own savepoint (one message that fails is rolled
 * back alone and its client told to retry), under one commit. A durable commit (SQLite
 * synchronous=FULL, PostgreSQL's WAL flush) costs milliseconds; with several connections it is
 * paid once per batch instead of once per message. An idle receiver commits each message at once.
 * Every message is still acknowledged only after the commit that holds it.
 */
export function ingestBatches(ctx: AppContext, options: { maxBatch?: number } = {}): IngestBatches {
  const maxBatch = options.maxBatch ?? 32;
  const queue: Waiting[] = [];
  let writing = false;

  async function writeBatch(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const outcomes: Array<{ ok: true; result: IngestResult } | { ok: false; error: unknown }> = [];
      try {
        await transaction(ctx.db, async (trx) => {
          outcomes.length = 0;
          for (const [i, item] of batch.entries()) {
            try {
              outcomes.push({ ok: true, result: await inSavepoint(trx, `ingest_${i}`, () => ingestMessage({ ...ctx, db: trx }, item.input)) });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        // The commit itself failed: nothing of the batch is kept; every client retries.
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.result);
        else item.reject(outcome.error);
      });
    }
    writing = false;
  }

  return {
    ingest(input) {
      return new Promise<IngestResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!writing) void writeBatch();
      });
    },
  };
}
