import { decodeCursor, pageOf } from '../../../platform/http/cursor.ts';
import type { Db } from '../../../schema.ts';
import { listMailboxRows, type MailboxRow } from './mailboxes.repository.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';

/** One page of mailboxes ordered by id. */
export async function mailboxPage(db: Db, page: { limit?: number; cursor?: string }): Promise<{ items: MailboxRow[]; nextCursor: string | null }> {
  const limit = page.limit ?? 50;
  const decoded = decodeCursor(page.cursor, 1);
  const afterId = decoded?.[0];
  if (decoded !== undefined && (typeof afterId !== 'number' || afterId < 0)) {
    throw invalidInput('cursor', 'cursor');
  }
  return pageOf(await listMailboxRows(db, { afterId: afterId as number | undefined, limit }), limit, (r) => [r.id]);
}
