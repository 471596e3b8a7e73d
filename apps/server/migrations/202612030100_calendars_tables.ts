import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'calendars')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    /** Working intervals per weekday as JSON: { sat: [["08:00","16:00"]], … }. */
    .addColumn('week', 'text', (c) => c.notNull())
    /** Date hours (shifts, breaks) as JSON: [{ date, hours?, breaks? }]. */
    .addColumn('date_hours', 'text', (c) => c.notNull())
    .addColumn('display_calendar', 'text', (c) => c.notNull())
    /** 1: Iran's official holidays apply, generated from the rules (packages/calendar). */
    .addColumn('official_holidays', 'integer', (c) => c.notNull())
    /** 'tehran' | '24x7' for the built-in calendars (created once, never deleted), else null. */
    .addColumn('built_in', 'text', (c) => c.unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await tableWithId(db, 'calendar_holidays')
    .addColumn('calendar_id', refType, (c) => c.notNull().references('calendars.id').onDelete('cascade'))
    /** official | closure | custom */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** One-off: the local day number (days since 1970-01-01); null when yearly. */
    .addColumn('epoch_day', 'integer')
    /** Yearly: Jalali month and day; null when one-off. */
    .addColumn('jalali_month', 'integer')
    .addColumn('jalali_day', 'integer')
    /** A closure of some hours only, as JSON time ranges; null: the whole day. */
    .addColumn('hours', 'text')
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_holidays_calendar').on('calendar_holidays').columns(['calendar_id', 'epoch_day']).execute();
  await tableWithId(db, 'hijri_month_confirmations')
    .addColumn('hijri_year', 'integer', (c) => c.notNull())
    .addColumn('hijri_month', 'integer', (c) => c.notNull())
    /** The announced first day, as a day number. */
    .addColumn('epoch_day', 'integer', (c) => c.notNull())
    /** Where the official table or the estimate had it before the confirmation. */
    .addColumn('previous_epoch_day', 'integer', (c) => c.notNull())
    .addColumn('confirmed_by', refType, (c) => c.references('users.id'))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addUniqueConstraint('hijri_month_confirmations_month', ['hijri_year', 'hijri_month'])
    .execute();
  await tableWithId(db, 'calendar_history')
    .addColumn('calendar_id', refType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', refType)
    /** What changed, as JSON (before/after of edited fields, the holiday or closure). */
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_history_calendar').on('calendar_history').columns(['calendar_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_history').execute();
  await db.schema.dropTable('hijri_month_confirmations').execute();
  await db.schema.dropTable('calendar_holidays').execute();
  await db.schema.dropTable('calendars').execute();
}
