import type { Generated } from 'kysely';

export interface CalendarTables {
  calendars: {
    id: Generated<number>;
    name: string;
    time_zone: string;
    /** JSON: working intervals per weekday. */
    week: string;
    /** JSON: date hours (shifts and breaks). */
    date_hours: string;
    display_calendar: string;
    official_holidays: number;
    built_in: string | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
  calendar_holidays: {
    id: Generated<number>;
    calendar_id: number;
    kind: string;
    epoch_day: number | null;
    jalali_month: number | null;
    jalali_day: number | null;
    hours: string | null;
    name_fa: string;
    name_en: string;
    region: string | null;
    created_at: number;
  };
  hijri_month_confirmations: {
    id: Generated<number>;
    hijri_year: number;
    hijri_month: number;
    epoch_day: number;
    previous_epoch_day: number;
    confirmed_by: number | null;
    created_at: number;
  };
  calendar_history: {
    id: Generated<number>;
    calendar_id: number;
    version: number;
    action: string;
    actor_user_id: number | null;
    details: string;
    created_at: number;
  };
}
