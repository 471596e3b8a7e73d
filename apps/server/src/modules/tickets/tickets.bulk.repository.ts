import { sql, type Insertable } from 'kysely';
import { reserveCounterValues } from '../../platform/db/index.ts';
import type { Db, DB } from '../../schema.ts';
import type { NewArticle } from './articles.repository.ts';

/**
 * The SQL of bulk import (bulk-import.ts holds its rules): multi-row statements inside the
 * caller's transaction. Rows per statement stay under SQLite's 32,766 bound parameters.
 */

const TICKET_CHUNK = 400;
const ROW_CHUNK = 1000;

/** A block of `count` ticket numbers from the same counter row createTicket uses; returns the first. */
export function reserveTicketNumbers(db: Db, firstNumber: number, count: number): Promise<number> {
  return reserveCounterValues(db, 'ticket_number', firstNumber, count);
}

/** Inserts tickets; returns a map from ticket number to id. */
export async function insertTicketRows(db: Db, rows: ReadonlyArray<Insertable<DB['tickets']>>): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (let i = 0; i < rows.length; i += TICKET_CHUNK) {
    const out = await db.insertInto('tickets').values(rows.slice(i, i + TICKET_CHUNK)).returning(['id', 'number']).execute();
    for (const r of out) ids.set(r.number, r.id);
  }
  return ids;
}

export async function insertTagRows(db: Db, rows: ReadonlyArray<Insertable<DB['ticket_tags']>>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROW_CHUNK) await db.insertInto('ticket_tags').values(rows.slice(i, i + ROW_CHUNK)).execute();
}

export async function insertArticleRows(db: Db, rows: ReadonlyArray<NewArticle>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROW_CHUNK) {
    await db
      .insertInto('articles')
      .values(rows.slice(i, i + ROW_CHUNK).map((a) => ({ ...a, original_ticket_id: null })))
      .execute();
  }
}

export async function insertHistoryRowsBulk(db: Db, rows: ReadonlyArray<Insertable<DB['ticket_history']>>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROW_CHUNK) await db.insertInto('ticket_history').values(rows.slice(i, i + ROW_CHUNK)).execute();
}

const UPDATE_CHUNK = 500;

/**
 * Sets the escalation an imported ticket reached (level, when, unacknowledged), one UPDATE … FROM
 * VALUES per 500 as `slaColumnsUpdate` writes it (the first row's casts type the columns on
 * PostgreSQL); `steps` escalations move the version and, when later, updated_at as the command does.
 */
export async function updateImportedEscalations(db: Db, rows: ReadonlyArray<{ id: number; level: number; at: number; steps: number }>): Promise<void> {
  for (let i = 0; i < rows.length; i += UPDATE_CHUNK) {
    const values = sql.join(
      rows.slice(i, i + UPDATE_CHUNK).map((r, k) => {
        const row = [r.id, r.level, r.at, r.steps];
        return sql`(${sql.join(k === 0 ? row.map((v) => sql`cast(${v} as bigint)`) : row)})`;
      }),
    );
    await sql`with v (id, level, at, steps) as (values ${values})
      update tickets set escalation_level = v.level, escalated_at = v.at, escalation_acknowledged_at = null,
        updated_at = case when tickets.updated_at > v.at then tickets.updated_at else v.at end, version = tickets.version + v.steps
      from v where tickets.id = v.id and tickets.id in (select id from v)`.execute(db);
  }
}
