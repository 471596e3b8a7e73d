import type { Insertable, Selectable, Updateable } from 'kysely';
import { dialectOf } from '../../platform/db/index.ts';
import { updateAtVersion } from '../../platform/db/versioned.ts';
import type { Executor } from '../../schema.ts';
import type { CalendarTables } from './calendars.tables.ts';

export type CalendarRow = Selectable<CalendarTables['calendars']>;
export type HolidayRow = Selectable<CalendarTables['calendar_holidays']>;
export type HijriConfirmationRow = Selectable<CalendarTables['hijri_month_confirmations']>;
export type CalendarHistoryRow = Selectable<CalendarTables['calendar_history']>;

export async function listCalendarRows(db: Executor): Promise<CalendarRow[]> {
  return db.selectFrom('calendars').selectAll().orderBy('id').limit(1000).execute();
}

export async function findCalendar(db: Executor, id: number): Promise<CalendarRow | undefined> {
  return db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row, locked for the rest of the transaction (PostgreSQL; SQLite serialises writers anyway). */
export async function findCalendarForUpdate(db: Executor, id: number): Promise<CalendarRow | undefined> {
  return dialectOf(db).forUpdate(db.selectFrom('calendars').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function calendarVersion(db: Executor, id: number): Promise<number | undefined> {
  return (await db.selectFrom('calendars').select('version').where('id', '=', id).executeTakeFirst())?.version;
}

export async function findBuiltInCalendar(db: Executor, key: string): Promise<CalendarRow | undefined> {
  return db.selectFrom('calendars').selectAll().where('built_in', '=', key).executeTakeFirst();
}

/** Calendars that follow Iran's official holidays, locked (a Hijri confirmation moves them all). */
export async function calendarsWithOfficialHolidaysForUpdate(db: Executor): Promise<CalendarRow[]> {
  return dialectOf(db).forUpdate(db.selectFrom('calendars').selectAll().where('official_holidays', '=', 1).orderBy('id')).execute();
}

export async function insertCalendar(db: Executor, row: Insertable<CalendarTables['calendars']>): Promise<CalendarRow> {
  return db.insertInto('calendars').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCalendarAtVersion(db: Executor, id: number, version: number, set: Updateable<CalendarTables['calendars']>): Promise<CalendarRow> {
  return updateAtVersion(db, 'calendars', id, version, set);
}

export async function deleteCalendarRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('calendar_holidays').where('calendar_id', '=', id).execute();
  await db.deleteFrom('calendars').where('id', '=', id).execute();
}

export async function listHolidayRows(db: Executor, calendarId: number): Promise<HolidayRow[]> {
  return db.selectFrom('calendar_holidays').selectAll().where('calendar_id', '=', calendarId).orderBy('id').execute();
}

export async function findHoliday(db: Executor, calendarId: number, id: number): Promise<HolidayRow | undefined> {
  return db.selectFrom('calendar_holidays').selectAll().where('calendar_id', '=', calendarId).where('id', '=', id).executeTakeFirst();
}

export async function insertHoliday(db: Executor, row: Insertable<CalendarTables['calendar_holidays']>): Promise<HolidayRow> {
  return db.insertInto('calendar_holidays').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteHolidayRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('calendar_holidays').where('id', '=', id).execute();
}

export async function listHijriConfirmations(db: Executor): Promise<HijriConfirmationRow[]> {
  return db.selectFrom('hijri_month_confirmations').selectAll().orderBy('hijri_year').orderBy('hijri_month').execute();
}

export async function findHijriConfirmation(db: Executor, year: number, month: number): Promise<HijriConfirmationRow | undefined> {
  return db.selectFrom('hijri_month_confirmations').selectAll().where('hijri_year', '=', year).where('hijri_month', '=', month).executeTakeFirst();
}

export async function upsertHijriConfirmation(db: Executor, row: Insertable<CalendarTables['hijri_month_confirmations']>): Promise<HijriConfirmationRow> {
  return db
    .insertInto('hijri_month_confirmations')
    .values(row)
    .onConflict((oc) => oc.columns(['hijri_year', 'hijri_month']).doUpdateSet({ epoch_day: row.epoch_day, confirmed_by: row.confirmed_by ?? null, created_at: row.created_at }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertCalendarHistory(db: Executor, row: Insertable<CalendarTables['calendar_history']>): Promise<void> {
  await db.insertInto('calendar_history').values(row).execute();
}

export async function listCalendarHistory(db: Executor, calendarId: number): Promise<CalendarHistoryRow[]> {
  return db.selectFrom('calendar_history').selectAll().where('calendar_id', '=', calendarId).orderBy('id', 'desc').limit(500).execute();
}
